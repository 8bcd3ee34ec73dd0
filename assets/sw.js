// Service worker: the whole course offline from one versioned cache.
// `course-engine build` fills in VERSION and FILES for each site (crates/site).
// A new version installs in full beside the old one and takes over only when the learner
// chooses to reload, so a page never mixes old and new files.
const VERSION = '{{ version }}';
const FILES = {{ files }};
// The translations' folders (`fr/`): each answers its own addresses with its own page.
const LANGUAGES = {{ languages }};
// Search's index, every language's (pagefind/): kept a language at a time (below).
const SEARCH = {{ search }};
const CACHE = `course-${VERSION}`;
const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(scoped(f), { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('course-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Other documents of the site (the instructor's results.html) are not the course: the
  // browser fetches them as usual.
  const rel = url.href.startsWith(self.registration.scope) ? url.href.slice(self.registration.scope.length) : '';
  const home = scoped((LANGUAGES.find((l) => rel.startsWith(l)) || '') + 'index.html');
  // The print page (print.html) is kept once opened, to print offline.
  const kept = () => caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true })
    .then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) cache.put(request, response.clone());
      return response;
    })));
  if (request.mode === 'navigate' && /(^|\/)print\.html$/.test(url.pathname)) return event.respondWith(kept());
  if (request.mode === 'navigate' && /\.html$/.test(url.pathname) && !/(^|\/)index\.html$/.test(url.pathname)) return;
  // App routes (deep links, and a page's file in a package) are all the same page: their
  // language's.
  const key = request.mode === 'navigate' ? home : request;
  // The LRS reporter (lrs/) is not in FILES: only a page launched with an LRS fetches it,
  // and then it is kept, for the next visit offline.
  if (rel.startsWith('lrs/')) return event.respondWith(kept());
  // Search's index (pagefind/) is not in FILES either: the first time the learner searches
  // in a language (Pagefind fetches that language's wasm), all of that language's index is
  // kept, so that any word is found offline after.
  if (rel.startsWith('pagefind/')) {
    const language = /^pagefind\/wasm\.(.+)\.pagefind$/.exec(rel);
    if (language) {
      const mine = new RegExp(`[/.]${language[1]}_`);
      event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(SEARCH.filter((f) => mine.test(f))
        .map((f) => cache.match(scoped(f)).then((hit) => hit || cache.add(scoped(f))).catch(() => {})))));
    }
    return event.respondWith(kept());
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(key, { ignoreSearch: true })
      .then((hit) => hit || fetch(request))),
  );
});
