// The page's entry point: reads the view from the URL, renders it into <main>, and keeps the URL
// and the browser history in step (links marked data-nav and navigate() use pushState).
//   /?topic=T[&department=D]   search results      /?person=ID   a person's profile
//   /?view=NAME                one of the extra views (shown when the server has its endpoints)
import { hasOperation } from './api.js';
import { clear, h } from './dom.js';
import { navigate, setRenderer } from './nav.js';
import * as search from './search.js';
import * as person from './person.js';

// Views beyond search and profile, each shown only when the server has all its operations.
const EXTRA_VIEWS = [];

async function loadExtraViews() {
  const candidates = [
    ['team', 'Team builder', './team.js', ['POST /v1/teams']],
    ['coverage', 'Coverage', './coverage.js', ['GET /v1/coverage', 'GET /v1/coverage/gaps']],
    ['communities', 'Communities', './communities.js', ['GET /v1/communities']],
  ];
  // All at once (one openapi.json fetch, the modules in parallel), kept in menu order.
  const loaded = await Promise.all(candidates.map(async ([id, label, module, ops]) => {
    const present = await Promise.all(ops.map((op) => hasOperation(...op.split(' '))));
    if (!present.every(Boolean)) return null;
    try {
      return { id, label, module: await import(module) };
    } catch {
      return null;  // the endpoint exists but this page has no view for it yet
    }
  }));
  EXTRA_VIEWS.push(...loaded.filter(Boolean));
}

function renderNav(active) {
  const nav = clear(document.getElementById('nav'));
  const items = [{ id: 'search', label: 'Search', href: '/' }].concat(
    EXTRA_VIEWS.map((v) => ({ id: v.id, label: v.label, href: `/?view=${v.id}` })));
  for (const item of items) {
    nav.append(h('li', {}, h('a', {
      href: item.href, 'data-nav': true, 'aria-current': item.id === active ? 'page' : null,
    }, item.label)));
  }
}

let renderToken = 0;
let renderedQuery = null;

async function render() {
  renderedQuery = window.location.search;
  const params = new URLSearchParams(window.location.search);
  const main = clear(document.getElementById('main'));
  main.classList.toggle('wide', params.get('view') === 'coverage');
  const token = ++renderToken;
  const stillCurrent = () => token === renderToken;
  const view = params.get('view');
  const extra = EXTRA_VIEWS.find((v) => v.id === view);
  if (params.has('person')) {
    renderNav(null);
    await person.render(main, params, stillCurrent);
  } else if (extra) {
    renderNav(extra.id);
    document.title = `${extra.label} - whoknows`;
    await extra.module.render(main, params, stillCurrent);
  } else {
    renderNav('search');
    await search.render(main, params, stillCurrent);
  }
}

document.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-nav]');
  if (!a || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(a.getAttribute('href'));
});
// Back and forward re-render; a jump inside the page (the skip link's #main) changes only the
// fragment and keeps what is shown, and where the focus is.
window.addEventListener('popstate', () => {
  if (window.location.search !== renderedQuery) render();
});

setRenderer(render);
await loadExtraViews();
await render();
document.body.dataset.ready = 'true';
