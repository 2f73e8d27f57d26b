// Profile sections backed by endpoints a server may not have: similar people, the person's
// community of practice, and "how am I connected to them?" (the introduction path).  Each is
// shown only when GET /v1/openapi.json lists its operation, and loads on its own.
import { ApiError, get, hasOperation } from './api.js';
import { h, notice, personLink, topicLink } from './dom.js';

const ME_KEY = 'whoknows.me';

// Panels to put beside the expertise of `p` ({id, name}); they fill in as their answers arrive.
export function extraSections(p, stillCurrent) {
  const similar = h('div', {});
  const community = h('div', {});
  const path = h('div', {});
  fill(similar, 'GET', '/v1/people/{id}/similar', () => similarPanel(p), stillCurrent);
  fill(community, 'GET', '/v1/communities', () => communityPanel(p), stillCurrent);
  fill(path, 'GET', '/v1/people/{a}/path/{b}', async () => pathPanel(p), stillCurrent);
  return [path, similar, community];
}

async function fill(slot, method, template, build, stillCurrent) {
  if (!(await hasOperation(method, template)) || !stillCurrent()) return;
  try {
    const panel = await build();
    if (panel && stillCurrent()) slot.replaceWith(panel);
  } catch {
    // A side panel that fails stays empty; the profile itself is shown.
  }
}

function panel(id, title, ...children) {
  return h('section', { class: 'side-panel', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

async function similarPanel(p) {
  const answer = await get(`/v1/people/${encodeURIComponent(p.id)}/similar`, { limit: 6 });
  return panel('similar-title', 'People with similar expertise', answer.similar.length === 0
    ? h('p', { class: 'muted' }, 'Nobody with similar expertise yet.')
    : h('ul', { class: 'similar' }, answer.similar.map((s) => h('li', {}, personLink(s.id, s.name),
      h('span', { class: 'muted' }, ` ${Math.round(100 * s.score)}% alike`),
      s.topics.length ? h('div', { class: 'muted small' }, 'both: ', s.topics.map((t, i) => [i ? ', ' : '', topicLink(t.id, t.name)])) : null))));
}

async function communityPanel(p) {
  const answer = await get('/v1/communities', { limit: 1000, members: 1000 });
  const c = answer.communities.find((x) => x.members.some((m) => m.id === p.id));
  if (!c) return panel('community-title', 'Community of practice', h('p', { class: 'muted' }, `${p.name} has not worked with others yet.`));
  const me = c.members.find((m) => m.id === p.id);
  const others = c.members.filter((m) => m.id !== p.id && m.role !== 'member').slice(0, 8);
  return panel('community-title', 'Community of practice',
    h('p', {}, `${p.name} is a ${me.role === 'core' ? 'core member' : me.role} of a community of ${c.size} around `,
      c.topics.slice(0, 3).map((t, i) => [i ? ', ' : '', topicLink(t.id, t.name)]), '.'),
    others.length ? h('ul', {}, others.map((m) => h('li', {}, personLink(m.id, m.name), h('span', { class: `badge role-${m.role}` }, m.role === 'core' ? 'core member' : m.role)))) : null,
    h('p', {}, h('a', { href: '/?view=communities', 'data-nav': true }, 'All communities')));
}

function pathPanel(p) {
  const out = h('div', { 'aria-live': 'polite' });
  const saved = localStorage.getItem(ME_KEY) ?? '';
  const input = h('input', { id: 'me', type: 'text', value: saved, list: 'people-list', placeholder: 'your name or person id', autocomplete: 'off' });
  const list = h('datalist', { id: 'people-list' });
  input.addEventListener('focus', () => fillPeople(list), { once: true });
  const form = h('form', {
    class: 'path-form', onsubmit: async (e) => {
      e.preventDefault();
      const me = idFrom(input.value, list);
      if (!me) return;
      localStorage.setItem(ME_KEY, input.value);
      out.replaceChildren(h('p', { class: 'loading' }, 'Looking for a chain...'));
      out.replaceChildren(await chain(me, p));
    },
  }, h('label', { for: 'me' }, 'You are'), h('div', { class: 'path-row' }, input, h('button', { type: 'submit' }, 'Show')), list);
  return panel('path-title', `How am I connected to ${p.name}?`, form, out);
}

// "Name (id)" from the list, or a bare id.
function idFrom(text, list) {
  const v = text.trim();
  const m = /\(([^()]+)\)\s*$/.exec(v);
  if (m) return m[1];
  const byName = [...list.options].find((o) => o.value.toLowerCase().startsWith(`${v.toLowerCase()} (`));
  return byName ? idFrom(byName.value, list) : v;
}

async function fillPeople(list) {
  let cursor = null;
  for (let page = 0; page < 5; page++) {
    const answer = await get('/v1/people', { limit: 1000, cursor }).catch(() => null);
    if (!answer) return;
    list.append(...answer.items.map((x) => h('option', { value: `${x.name} (${x.id})` })));
    cursor = answer.next_cursor;
    if (!cursor) return;
  }
}

async function chain(me, p) {
  try {
    const answer = await get(`/v1/people/${encodeURIComponent(me)}/path/${encodeURIComponent(p.id)}`);
    if (answer.path.length === 1) return h('p', {}, 'That is you.');
    return h('ol', { class: 'chain' }, answer.path.map((step) => h('li', {},
      personLink(step.id, step.name),
      step.via ? h('div', { class: 'muted small' }, `through the ${step.via.kind} "${step.via.title}"`) : h('span', { class: 'muted small' }, ' (you)'))));
  } catch (e) {
    if (e instanceof ApiError && e.code === 'no_path') return notice('empty', `No chain of colleagues within six steps leads to ${p.name}.`);
    if (e instanceof ApiError && e.status === 404) return notice('empty', `There is nobody with the id "${me}".`);
    return notice('error', e.message);
  }
}
