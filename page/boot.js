/* Stepwise's page boot: inlined at the top of every prerendered page (scripts/post-build.mjs
 * fills in __PROTOCOL__, the names it shares with the app, from stepwise_core::protocol).
 *
 * It runs before the first paint and decides whether the prerendered markup is what the app
 * will show. When it is not (a deep link in the hash, another pack in the query, another
 * language, a remembered step the list offers to resume), it hides the markup until the app
 * takes over, so that the buyer never sees one page replaced by another; on the app's page,
 * a buyer who reads another language goes to that language's list page instead, prerendered.
 * Otherwise it only ever hides: in doubt, the app paints; without JavaScript the markup stays,
 * and its links work. */
(() => {
  const P = __PROTOCOL__, G = P.page, html = document.documentElement;
  const attr = (n) => html.getAttribute(n) || '';
  try {
    const [pack, shown] = attr(G.prerendered).split(' ');
    const query = new URLSearchParams(location.search).get(G.packParam);
    const stored = (key) => {
      try { return localStorage.getItem(P.storage.prefix + pack + ':' + key); } catch { return null; }
    };
    const bare = /^#?\/?$/.test(location.hash);
    let want = bare ? attr(G.route) : location.hash;
    if (!want) {
      // The app page's list: in the buyer's language, as the app negotiates it
      // (stepwise_core::model::negotiate): the last one chosen, then the browser's.
      const locales = attr(G.locales).split(' ');
      const primary = (t) => t.split(/[-_]/)[0].toLowerCase();
      const pick = (w) => locales.find((l) => l.toLowerCase() === w.toLowerCase()) || locales.find((l) => primary(l) === primary(w));
      const wanted = [stored(P.storage.locale), ...(navigator.languages || [navigator.language])].filter(Boolean);
      const locale = wanted.map(pick).find(Boolean) || locales[0];
      want = '#/' + locale;
      // Another language than the markup's, the page's own pack, nothing in the hash: that
      // language's list page has it prerendered (the address bar then says where it is).
      const to = attr(G.lists).split(' ')[locales.indexOf(locale)];
      if (want !== shown && bare && !(query && query !== pack) && to) {
        html.classList.add(G.waiting);
        return location.replace(to + location.search);
      }
    }
    const list = !want.slice(2).includes('/');
    if ((!attr(G.pack) && query && query !== pack) || want !== shown || (list && stored(P.storage.lastStep))) html.classList.add(G.waiting);
  } catch {
    html.classList.add(G.waiting);
  }
})();
