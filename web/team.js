// The team builder (POST /v1/teams): choose topics and a maximum size; see the proposed team, who
// covers what, what stays uncovered, and alternatives.
// URL: /?view=team&topics=a,b,c[&size=N][&department=D] (the topics chosen so far).
import { ApiError, get, post } from './api.js';
import { topicCombobox } from './combobox.js';
import { announce, h, notice, personLink, topicLink } from './dom.js';
import { navigate, rerender } from './nav.js';

const ALTERNATIVES = 3;
const names = new Map();  // topic id -> name, as learnt from suggestions and records

function teamUrl(topics, size, department) {
  const p = new URLSearchParams({ view: 'team' });
  if (topics.length) p.set('topics', topics.join(','));
  if (size) p.set('size', size);
  if (department) p.set('department', department);
  return `/?${p}`;
}

function topicName(id) { return names.get(id) ?? id; }

async function learnNames(ids) {
  await Promise.all(ids.filter((id) => !names.has(id)).map((id) =>
    get(`/v1/topics/${encodeURIComponent(id)}`).then((t) => names.set(id, t.name)).catch(() => {})));
}

export async function render(main, params, stillCurrent) {
  const topics = (params.get('topics') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const size = params.get('size') ?? '5';
  const department = params.get('department') ?? '';
  await learnNames(topics);
  if (!stillCurrent()) return;
  const sizeInput = h('input', { id: 'team-size', type: 'number', min: '1', max: '100', value: size });
  const deptInput = h('input', { id: 'team-department', type: 'text', value: department, placeholder: 'any' });
  const go = (list) => navigate(teamUrl(list, sizeInput.value.trim(), deptInput.value.trim()));
  const box = topicCombobox({
    label: 'Add a topic the team needs', placeholder: 'e.g. kubernetes', clearOnChoose: true,
    onChoose: (text, t) => {
      const id = t ? t.id : text;
      if (t) names.set(t.id, t.name);
      if (!topics.includes(id)) go([...topics, id]);
    },
  });
  const chips = h('ul', { class: 'chips', 'aria-label': 'Topics the team needs' }, topics.map((id) => h('li', { class: 'chip' },
    topicName(id), h('button', {
      type: 'button', 'aria-label': `Remove ${topicName(id)}`, onclick: () => go(topics.filter((x) => x !== id)),
    }, '\u00d7'))));
  const form = h('form', { class: 'team-form', onsubmit: (e) => { e.preventDefault(); go(topics); } },
    h('div', { class: 'search' }, box.element),
    topics.length ? chips : h('p', { class: 'muted' }, 'No topics chosen yet.'),
    h('div', { class: 'form-row' },
      h('div', { class: 'field' }, h('label', { for: 'team-size' }, 'At most this many people'), sizeInput),
      h('div', { class: 'field' }, h('label', { for: 'team-department' }, 'Only from department'), deptInput),
      h('button', { type: 'submit', class: 'primary' }, 'Build the team')));
  const out = h('section', { 'aria-label': 'Proposed teams', id: 'teams' });
  main.append(h('h1', {}, 'Team builder'), form, out);
  if (topics.length === 0) {
    out.append(notice('info', 'Add the topics the work needs; whoknows proposes a small team that covers them and has worked together, with alternatives.'));
    return;
  }
  out.append(h('p', { class: 'loading' }, 'Building teams...'));
  const sizeNumber = Number.parseInt(size, 10);
  const body = { topics, alternatives: ALTERNATIVES };
  if (sizeNumber > 0) body.max_size = Math.min(sizeNumber, 100);
  if (department) body.department = department;
  try {
    const answer = await post('/v1/teams', body);
    if (!stillCurrent()) return;
    await learnNames(answer.teams.flatMap((t) => [...t.covered, ...t.uncovered]));
    if (!stillCurrent()) return;
    out.replaceChildren(...renderTeams(answer.teams));
    announce(`${answer.teams.length} team proposals`);
  } catch (e) {
    if (!stillCurrent()) return;
    out.replaceChildren(teamError(e, topics, size, department));
  }
}

function renderTeams(teams) {
  if (teams.length === 0) return [notice('empty', 'No team can be formed: nobody has evidence on these topics.')];
  return teams.map((t, i) => h('article', { class: `card team${i === 0 ? ' best' : ''}` },
    h('h2', {}, i === 0 ? 'Proposed team' : `Alternative ${i}`,
      h('span', { class: 'muted small' }, ` - ${t.members.length} ${t.members.length === 1 ? 'person' : 'people'}`)),
    t.uncovered.length ? notice('error', h('strong', {}, 'Not covered: '), t.uncovered.map((id, j) => [j ? ', ' : '', topicLink(id, topicName(id))]),
      ' - nobody (within the limits) has enough evidence.') : h('p', { class: 'ok' }, 'Every topic is covered.'),
    h('table', { class: 'team-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col' }, 'Covers'), h('th', { scope: 'col', class: 'num' }, 'Expertise'))),
      h('tbody', {}, t.members.map((m) => h('tr', {},
        h('th', { scope: 'row' }, personLink(m.id, m.name)),
        h('td', {}, m.covers.length ? m.covers.map((id, j) => [j ? ', ' : '', topicLink(id, topicName(id))]) : h('span', { class: 'muted' }, 'ties the team together')),
        h('td', { class: 'num' }, m.score.toFixed(2)))))),
    h('p', { class: 'muted small' }, `Expertise ${t.expertise.toFixed(1)} (sum of scores); communication cost ${t.communication_cost.toFixed(2)} (lower: they have worked together more closely).`)));
}

function teamError(e, topics, size, department) {
  if (e instanceof ApiError && e.unreachable) {
    return notice('error', h('strong', {}, e.message), ' ',
      h('button', { type: 'button', onclick: () => rerender() }, 'Try again'));
  }
  if (e instanceof ApiError && e.code === 'unknown_topic') {
    // The message names the topic: "no topic matches 'x'..."; a suggestion replaces it.
    const bad = /no topic matches '([^']*)'/.exec(e.message)?.[1];
    const replaced = (id) => topics.map((x) => (x === bad ? id : x));
    const suggestions = bad ? (e.body.error.suggestions ?? []) : [];
    return notice('empty', h('p', {}, bad ? `No topic matches "${bad}".` : e.message),
      suggestions.length ? h('p', { class: 'did-you-mean' }, 'Did you mean: ', suggestions.map((s, i) => [i ? ', ' : '',
        h('a', { href: teamUrl(replaced(s.id), size, department), 'data-nav': true }, s.name)]), '?')
        : h('p', {}, h('a', { href: teamUrl(topics.filter((x) => x !== bad), size, department), 'data-nav': true }, 'Remove it')));
  }
  return notice('error', e.message);
}
