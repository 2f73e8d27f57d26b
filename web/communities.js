// Communities of practice (GET /v1/communities): drawn as a graph (SVG, force layout by hand) and
// listed.  Each member is a dot in its community's colour, tied to the community's centre; core
// members are larger with a dark ring, brokers are diamonds.  Communities sharing a dominant topic
// are tied together.  The API lists members, not the ties between people, so the picture shows
// membership, not who works with whom.  URL: /?view=communities[&topic=T].
import { ApiError, get } from './api.js';
import { topicCombobox } from './combobox.js';
import { announce, h, notice, personLink, svg, topicLink } from './dom.js';
import { layout } from './forcelayout.js';
import { navigate, rerender } from './nav.js';
import { renderError } from './search.js';

// Colour-blind friendly palette (Okabe-Ito and Tol), dark enough for white text.
const COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8a6d00', '#56429b', '#b3386b', '#1f7a8c',
  '#6b8e23', '#a0522d'];
const ROLE_LABEL = { core: 'core member', broker: 'broker', member: 'member' };

function url(topic) {
  const p = new URLSearchParams({ view: 'communities' });
  if (topic) p.set('topic', topic);
  return `/?${p}`;
}

export async function render(main, params, stillCurrent) {
  const topic = params.get('topic') ?? '';
  const box = topicCombobox({
    label: 'Communities around a topic (empty: everyone)', value: topic, placeholder: 'a topic, e.g. machine learning',
    onChoose: (text, t) => navigate(url(t ? t.id : text)),
  });
  box.input.addEventListener('search', () => { if (!box.input.value && topic) navigate(url('')); });
  const out = h('div', {}, h('p', { class: 'loading' }, 'Finding communities...'));
  main.append(h('h1', {}, 'Communities of practice'), h('form', { class: 'search', onsubmit: (e) => e.preventDefault() }, box.element), out);
  let answer;
  try {
    answer = await get('/v1/communities', { topic, limit: 10, members: 25 });
  } catch (e) {
    if (!stillCurrent()) return;
    out.replaceChildren(e instanceof ApiError && e.code === 'unknown_topic' ? renderError(e, topic) : errorNotice(e));
    return;
  }
  if (!stillCurrent()) return;
  const communities = answer.communities;
  if (communities.length === 0) {
    out.replaceChildren(notice('empty', topic ? `No community forms around ${topic}.` : 'No communities: nobody has worked together yet.'));
    return;
  }
  out.replaceChildren(
    h('p', { class: 'muted' }, `${communities.length} communities (modularity ${answer.modularity.toFixed(2)}). `,
      'Larger dots with a dark ring are core members; diamonds are brokers, who tie communities together.'),
    graph(communities),
    h('ol', { class: 'cards compact communities' }, communities.map((c, i) => communityCard(c, i))));
  announce(`${communities.length} communities`);
}

function graph(communities) {
  const width = 900;
  const height = 560;
  const nodes = [];
  const links = [];
  const hubs = communities.map((c, ci) => {
    nodes.push({ hub: true, community: ci, r: 3, label: c.topics[0]?.name ?? `Community ${c.id}` });
    return nodes.length - 1;
  });
  communities.forEach((c, ci) => {
    const top = Math.max(...c.members.map((m) => m.score), 1e-9);
    for (const m of c.members) {
      nodes.push({ member: m, community: ci, r: 4 + 6 * Math.sqrt(m.score / top) + (m.role === 'core' ? 1 : 0) });
      links.push({ source: hubs[ci], target: nodes.length - 1, length: 25, strength: 0.08 });
    }
  });
  for (let a = 0; a < communities.length; a++) {
    for (let b = a + 1; b < communities.length; b++) {
      const shared = communities[a].topics.filter((t) => communities[b].topics.some((u) => u.id === t.id)).length;
      if (shared > 0) links.push({ source: hubs[a], target: hubs[b], length: 220, strength: 0.004 * shared });
    }
  }
  layout(nodes, links, { width, height });
  const label = `Graph of ${communities.length} communities and their listed members`;
  return h('figure', { class: 'graph' }, svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
    links.filter((l) => nodes[l.source].hub && nodes[l.target].hub).map((l) => svg('line', {
      x1: nodes[l.source].x, y1: nodes[l.source].y, x2: nodes[l.target].x, y2: nodes[l.target].y, class: 'tie-community',
    })),
    links.filter((l) => !nodes[l.target].hub).map((l) => svg('line', {
      x1: nodes[l.source].x, y1: nodes[l.source].y, x2: nodes[l.target].x, y2: nodes[l.target].y,
      stroke: COLOURS[nodes[l.target].community % COLOURS.length], class: 'tie-member',
    })),
    nodes.filter((p) => !p.hub).map((p) => memberNode(p)),
    nodes.filter((p) => p.hub).map((p) => svg('text', { x: p.x, y: p.y - 8, class: 'hub-label', 'text-anchor': 'middle' }, p.label))),
  h('figcaption', { class: 'muted' }, 'Each community is drawn around its centre, labelled with its dominant topic. Hover a dot for the name.'));
}

function memberNode(p) {
  const colour = COLOURS[p.community % COLOURS.length];
  const m = p.member;
  const title = svg('title', {}, `${m.name} - ${ROLE_LABEL[m.role]}`);
  const href = `/?person=${encodeURIComponent(m.id)}`;
  const shape = m.role === 'broker'
    ? svg('rect', { x: p.x - p.r, y: p.y - p.r, width: 2 * p.r, height: 2 * p.r, transform: `rotate(45 ${p.x} ${p.y})`, fill: colour, class: 'broker' })
    : svg('circle', { cx: p.x, cy: p.y, r: p.r, fill: colour, class: m.role });
  return svg('a', { href, 'data-nav': true, class: 'node' }, title, shape);
}

function communityCard(c, i) {
  const colour = COLOURS[i % COLOURS.length];
  return h('li', { class: 'card', dataset: { community: c.id } },
    h('h3', {}, h('span', { class: 'swatch', style: { background: colour }, 'aria-hidden': 'true' }),
      `${c.topics[0]?.name ?? 'Community'} - ${c.size} ${c.size === 1 ? 'person' : 'people'}`),
    c.topics.length ? h('p', { class: 'role' }, 'Topics: ', c.topics.slice(0, 6).map((t, j) => [j ? ', ' : '', topicLink(t.id, t.name), ` ${Math.round(100 * t.weight)}%`])) : null,
    h('ul', { class: 'members' }, c.members.map((m) => h('li', {}, personLink(m.id, m.name),
      m.role !== 'member' ? h('span', { class: `badge role-${m.role}` }, ROLE_LABEL[m.role]) : null))),
    c.size > c.members.length ? h('p', { class: 'muted' }, `and ${c.size - c.members.length} more`) : null);
}

function errorNotice(e) {
  if (e instanceof ApiError && e.unreachable) {
    return notice('error', h('strong', {}, e.message), ' ',
      h('button', { type: 'button', onclick: () => rerender() }, 'Try again'));
  }
  return notice('error', e.message);
}
