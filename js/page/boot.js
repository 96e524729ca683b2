/* Stepwise's page boot: inlined at the top of every prerendered page.
 *
 * It runs before the first paint and decides whether the prerendered markup is what the app
 * will show. On the app's page, a place the build prerendered is shown in its markup instead,
 * fetched and put in place before anything is painted, the address unchanged: a deep link in
 * the hash (`#/zh-CN/invoice/2`), or for a buyer who reads another language, that language's
 * list. Otherwise, when the markup is not what the app will show (another pack in the query, a
 * place with no page, a remembered step the list offers to resume), it hides the markup until
 * the app takes over, so that the buyer never sees one page replaced by another. In doubt, the
 * app paints; without JavaScript the markup stays, and its links work. */
import * as page from '../generated/page.js';
import * as storage from '../generated/storage.js';
import { browserLanguages, negotiate } from '../shared/locale.js';
import { landingPage, parseRoute, routeHash } from '../shared/route.js';
import { loadStored } from '../shared/storage.js';

const html = document.documentElement;
const attribute = (name) => html.getAttribute(name) || '';
const wait = () => html.classList.add(page.waiting);

/**
 * Shows the markup of the page the build prerendered at `url` in place of this page's, hidden
 * until then. Going to that page instead would cost a second navigation before the first
 * paint; this costs a fetch beside the stylesheet's. The page is read as an XHR document: its
 * scripts never run, and no HTML string reaches a Trusted Types sink. Where it cannot be had,
 * or the address or the page has moved on meanwhile (the app took over), the markup stays
 * hidden and the app shows the place.
 */
function showInPlace(url) {
  wait();
  const asked = location.href;
  const request = new XMLHttpRequest();
  request.open('GET', url);
  request.responseType = 'document';
  request.onload = () => {
    const fetched = request.status === 200 ? request.response : null;
    const put = () => {
      const from = fetched?.querySelector(`[${page.root}]`);
      const into = document.querySelector(`[${page.root}]`);
      if (!from || !into || location.href !== asked || !html.hasAttribute(page.prerendered)) return;
      into.replaceChildren(...from.childNodes);
      html.lang = fetched.documentElement.lang;
      html.setAttribute(page.prerendered, fetched.documentElement.getAttribute(page.prerendered) || '');
      document.title = fetched.title;
      html.classList.remove(page.waiting);
    };
    // Once this page's markup is parsed: `interactive`, which comes before the deferred
    // scripts run (`DOMContentLoaded` waits for them, and the wasm's glue is one).
    if (document.readyState === 'loading') document.addEventListener('readystatechange', put, { once: true });
    else put();
  };
  request.send();
}

/**
 * The page the build prerendered for `route` of the app page's pack `pack`, if it has one: a
 * locale it has, and a procedure's step it has (`data-steps`), its checker (`data-checker`) or
 * its list.
 */
function prerenderedPage(pack, route) {
  const { locale, view } = route;
  if (!attribute(page.locales).split(' ').includes(locale)) return null;
  const steps = new Map(attribute(page.steps).split(' ').map((entry) => entry.split(':')));
  const has = view.list || (view.checker ? html.hasAttribute(page.checker) : view.step <= Number(steps.get(view.slug)));
  return has ? landingPage(pack, route) : null;
}

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
    // language's list page has it prerendered.
    const listPage = attribute(page.lists).split(' ')[locales.indexOf(locale)];
    if (wanted !== shown && !otherPack && listPage) return showInPlace(listPage);
  }
  const route = parseRoute(wanted);
  // A deep link on the app's page to a place the build prerendered: that page's markup.
  const prerendered = !bare && !otherPack && !attribute(page.pack) && routeHash(route) !== shown && prerenderedPage(pack, route);
  if (prerendered) return showInPlace(prerendered);
  const resumable = route.view.list && loadStored(pack, storage.lastStep);
  if ((!attribute(page.pack) && otherPack) || routeHash(route) !== shown || resumable) wait();
}

try {
  boot();
} catch {
  wait();
}
