/* Stepwise's page boot: inlined at the top of every prerendered page.
 *
 * It runs before the first paint and decides whether the prerendered markup is what the app
 * will show. When it is not (a deep link in the hash, another pack in the query, another
 * language, a remembered step the list offers to resume), it hides the markup until the app
 * takes over, so that the buyer never sees one page replaced by another; on the app's page,
 * a buyer who reads another language goes to that language's list page instead, prerendered.
 * Otherwise it only ever hides: in doubt, the app paints; without JavaScript the markup stays,
 * and its links work. */
import * as page from '../generated/page.js';
import * as storage from '../generated/storage.js';
import { browserLanguages, negotiate } from '../shared/locale.js';
import { parseRoute, routeHash } from '../shared/route.js';
import { loadStored } from '../shared/storage.js';

const html = document.documentElement;
const attribute = (name) => html.getAttribute(name) || '';
const wait = () => html.classList.add(page.waiting);

function boot() {
  // What the markup shows: `<pack> <route as a hash>`.
  const [pack, shown] = attribute(page.prerendered).split(' ');
  const queried = new URLSearchParams(location.search).get(page.packParam);
  const otherPack = queried && queried !== pack;
  const bare = /^#?\/?$/.test(location.hash);
  let wanted = bare ? attribute(page.route) : location.hash;
  if (!wanted) {
    // The app page's list: in the buyer's language, as the app negotiates it (the last one
    // chosen, then the browser's).
    const locales = attribute(page.locales).split(' ');
    const locale = negotiate(locales, [loadStored(pack, storage.locale), ...browserLanguages()].filter(Boolean), locales[0]);
    wanted = routeHash({ locale, view: { list: true } });
    // Another language than the markup's, the page's own pack, nothing in the hash: that
    // language's list page has it prerendered (the address bar then says where it is).
    const listPage = attribute(page.lists).split(' ')[locales.indexOf(locale)];
    if (wanted !== shown && !otherPack && listPage) {
      wait();
      return location.replace(listPage + location.search);
    }
  }
  const route = parseRoute(wanted);
  const resumable = route.view.list && loadStored(pack, storage.lastStep);
  if ((!attribute(page.pack) && otherPack) || routeHash(route) !== shown || resumable) wait();
}

try {
  boot();
} catch {
  wait();
}
