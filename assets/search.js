// The course's search: a dialog over the page (assets/search-dialog.html, in the page's
// language), searching the page's language's index with Pagefind (pagefind/, written by
// `course-engine build`). The page's header imports this module the first time the
// learner opens search (its button, or the / key): nothing of search loads before.
// No course rules here: what is indexed and how it ranks is decided at build time
// (crates/site/src/search.rs) and by Pagefind.

// The site's root: this module is there, beside pagefind/.
const root = new URL('./', import.meta.url);
let dialog, building, input, status, list, opener, pagefind, tries = 0, asked = 0, leaving = false;

/** Shows the dialog (building it the first time) and puts the cursor in its field. */
export async function open(button) {
  opener = button;
  // Once, however many times it is asked for while the dialog's markup is on its way.
  building = building || build().catch((e) => { building = null; throw e; });
  await building;
  leaving = false;
  if (!dialog.open) dialog.showModal();
  input.focus();
  input.select();
  load();
}

async function build() {
  // The dialog's markup and words, in the page's language (beside the page's base).
  const response = await fetch(new URL('search-dialog.html', document.baseURI), { cache: 'no-cache' });
  if (!response.ok) throw new Error(`search-dialog.html: ${response.status}`);
  const template = document.createElement('template');
  template.innerHTML = await response.text();
  const sheet = template.content.querySelector('link[rel="stylesheet"]');
  if (sheet) {
    // Shown once its styles are in, so that it never appears unstyled.
    const styled = new Promise((resolve) => { sheet.onload = sheet.onerror = resolve; });
    document.head.appendChild(sheet);
    await styled;
  }
  dialog = template.content.querySelector('dialog');
  document.body.appendChild(dialog);
  input = dialog.querySelector('input');
  status = dialog.querySelector('[role="status"]');
  list = dialog.querySelector('ol');
  input.addEventListener('input', run);
  input.addEventListener('keydown', (e) => {
    const first = list.querySelector('a');
    if (e.key === 'ArrowDown' && first) { e.preventDefault(); first.focus(); }
    if (e.key === 'Enter') { e.preventDefault(); if (first) first.click(); }
    // (A search field's own Esc empties it: here Esc closes, as the dialog says.)
    if (e.key === 'Escape') { e.preventDefault(); dialog.close(); }
  });
  list.addEventListener('keydown', (e) => {
    const links = [...list.querySelectorAll('a')];
    const at = links.indexOf(document.activeElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: links.length - 1 }[e.key];
    if (to === undefined || at < 0) return;
    e.preventDefault();
    if (to < 0) input.focus();
    else links[Math.min(to, links.length - 1)].focus();
  });
  // A result followed: the dialog closes and the page (or the app) goes there.
  list.addEventListener('click', (e) => {
    if (e.target.closest('a')) { leaving = true; dialog.close(); }
  });
  dialog.querySelector('.search-close').addEventListener('click', () => dialog.close());
  // Back where the learner was (Esc, or Close), unless a result took them elsewhere.
  dialog.addEventListener('close', () => { if (!leaving && opener && opener.isConnected) opener.focus(); });
}

/** Pagefind, loaded once (again after a failure: the next keystroke retries). */
function load() {
  if (!pagefind) {
    // (A failed import stays failed for its address: a retry asks for another, by its
    // fragment, so that the request is the same.)
    pagefind = import(`${new URL('pagefind/pagefind.js', root).href}#${tries++}`).then(async (pf) => {
      // On the page, not in a worker: the index is a course's, small, and a worker would
      // be a second copy of Pagefind's script to download. Its results' addresses from the
      // site's root (`href` below), wherever the site is.
      await pf.options({ noWorker: true, excerptLength: 24, baseUrl: '/' });
      await pf.init();
      return pf;
    });
    pagefind.catch(() => { pagefind = null; });
  }
  return pagefind;
}

function say(text) { status.textContent = text; }

function counted(n) {
  const form = new Intl.PluralRules(document.documentElement.lang).select(n);
  const text = status.getAttribute(`data-${form}`) || status.getAttribute('data-other');
  return text.replace('{count}', n.toLocaleString(document.documentElement.lang));
}

async function run() {
  const query = input.value.trim();
  const mine = ++asked;
  if (!query) { list.replaceChildren(); say(''); return; }
  let pf;
  try {
    if (!pagefind) say(status.dataset.loading);
    pf = await load();
  } catch (e) {
    if (mine === asked) say(status.dataset.failed);
    return;
  }
  let found, shown;
  try {
    found = await pf.search(query);
    if (mine !== asked) return;
    shown = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  } catch (e) {
    if (mine === asked) say(status.dataset.failed);
    return;
  }
  if (mine !== asked) return;
  list.replaceChildren(...shown.map(item));
  list.dataset.query = query;
  say(found.results.length ? counted(found.results.length) : status.dataset.none.replace('{query}', query));
}

/** One result: its topic, its title (the heading it came from) and an excerpt. */
function item(data) {
  // The part of the page that matched best (Pagefind's sub-results follow its headings).
  const part = (data.sub_results || []).reduce((best, s) => (!best || s.locations.length > best.locations.length ? s : best), null);
  const li = document.createElement('li');
  const a = li.appendChild(document.createElement('a'));
  a.href = href(part && part.url ? part.url : data.url);
  a.dataset.testid = 'search-result';
  if (data.meta.topic) span(a, 'search-topic').textContent = data.meta.topic;
  const name = span(a, 'search-name');
  name.textContent = part && part.title && part.title !== data.meta.title ? `${data.meta.title} › ${part.title}` : data.meta.title;
  marked(span(a, 'search-excerpt'), (part && part.excerpt) || data.excerpt);
  return li;
}

function span(parent, name) {
  const s = parent.appendChild(document.createElement('span'));
  s.className = name;
  return s;
}

/** Pagefind's excerpt (the page's text with <mark> around the words found) as text and
 *  mark elements: nothing in it is taken as HTML. */
function marked(into, excerpt) {
  excerpt.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const m = /^<mark>(.*)<\/mark>$/.exec(part);
    if (m) into.appendChild(document.createElement('mark')).textContent = m[1];
    else if (part) into.appendChild(document.createTextNode(part));
  });
}

/** A result's address: Pagefind's (from the site's root) from the site's root, as a
 *  file's name when the course is opened by its files' names (a package). */
function href(url) {
  let [path, hash] = url.replace(/^\//, '').split('#');
  path = decodeURI(path);
  if (document.documentElement.hasAttribute('data-files')) path = path.replace(/\/?$/, '/index.html');
  return new URL(path, root).href + (hash ? `#${hash}` : '');
}
