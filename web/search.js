// The search view: a topic box with suggestions, then the experts on that topic as cards with a
// score bar (relative to the best) and the evidence behind each, filtered by department.
// URL: /?topic=T[&department=D].
import { ApiError, get, hasOperation } from './api.js';
import { topicCombobox } from './combobox.js';
import { announce, h, notice, personLink, topicLink } from './dom.js';
import { evidenceList, scoreBar } from './evidence.js';
import { navigate, rerender } from './nav.js';

const LIMIT = 25;

function searchUrl(topic, department) {
  const p = new URLSearchParams();
  if (topic) p.set('topic', topic);
  if (department) p.set('department', department);
  const q = p.toString();
  return q ? `/?${q}` : '/';
}

export async function render(main, params, stillCurrent) {
  const topic = params.get('topic') ?? '';
  const department = params.get('department') ?? '';
  document.title = topic ? `${topic} - whoknows` : 'whoknows - who knows about it?';
  const box = topicCombobox({
    label: 'Who knows about', value: topic, placeholder: 'a topic, e.g. kubernetes',
    onChoose: (text, t) => navigate(searchUrl(t ? t.id : text, '')),
  });
  const form = h('form', { class: 'search', role: 'search', onsubmit: (e) => e.preventDefault() },
    box.element, h('button', {
      type: 'button', class: 'primary',
      onclick: () => { const v = box.input.value.trim(); if (v) navigate(searchUrl(v, '')); },
    }, 'Search'));
  const results = h('section', { id: 'results', 'aria-label': 'Results' });
  main.append(h('h1', { class: 'visually-hidden' }, 'Search'), form, results);
  if (!topic) {
    results.append(notice('info', 'Type a topic - a skill, a technology, a product - and pick a suggestion to see who knows about it and why.'));
    box.input.focus();
    return;
  }
  results.append(h('p', { class: 'loading' }, 'Searching...'));
  try {
    const all = await get('/v1/experts', { topic, limit: LIMIT });
    const answer = department ? await get('/v1/experts', { topic, department, limit: LIMIT }) : all;
    if (!stillCurrent()) return;
    results.replaceChildren(...renderResults(all, answer, topic, department));
    announce(`${answer.experts.length} people found for ${topic}`);
    if (answer.topics.length) addRelated(results.querySelector('.results-head'), answer.topics[0].id, stillCurrent);
  } catch (e) {
    if (!stillCurrent()) return;
    results.replaceChildren(renderError(e, topic));
  }
}

function renderResults(all, answer, topic, department) {
  const names = answer.topics.map((t) => t.name).join(', ');
  const departments = new Map();
  for (const x of all.experts) departments.set(x.department ?? '', (departments.get(x.department ?? '') ?? 0) + 1);
  if (department && !departments.has(department)) departments.set(department, 0);
  const select = h('select', {
    id: 'department', onchange: (e) => navigate(searchUrl(topic, e.target.value)),
  }, h('option', { value: '' }, `All departments (${all.experts.length})`),
  [...departments.entries()].filter(([d]) => d).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([d, n]) => h('option', { value: d, selected: d === department }, `${d} (${n})`)));
  const head = h('div', { class: 'results-head' },
    h('h2', {}, 'Who knows about ', names),
    h('div', { class: 'filter' }, h('label', { for: 'department' }, 'Department'), select));
  if (answer.experts.length === 0) {
    return [head, notice('empty', department
      ? `Nobody in ${department} has evidence about ${names}. `
      : `Nobody has evidence about ${names} yet.`,
    department ? h('a', { href: searchUrl(topic, ''), 'data-nav': true }, 'Show all departments') : null)];
  }
  const top = answer.experts[0].score;
  const list = h('ol', { class: 'cards' }, answer.experts.map((x, i) => card(x, i, top, answer.topics[0]?.id)));
  return [head, list];
}

function card(x, i, top, topic) {
  const more = (x.evidence_count ?? x.evidence.length) - x.evidence.length;
  return h('li', { class: 'card', dataset: { person: x.id } },
    h('div', { class: 'card-head' },
      h('span', { class: 'rank', 'aria-hidden': 'true' }, String(i + 1)),
      h('div', { class: 'who' },
        h('h3', {}, personLink(x.id, x.name)),
        h('p', { class: 'role' }, [x.title, x.department, x.location].filter(Boolean).join(' - '))),
      scoreBar(x.score, top, `Score of ${x.name}`)),
    h('details', { class: 'why' },
      h('summary', {}, `Why: ${x.evidence_count ?? x.evidence.length} piece${(x.evidence_count ?? 0) === 1 ? '' : 's'} of evidence`),
      evidenceList(x.evidence, { topic, more, moreLink: more > 0 ? personLink(x.id, 'see the profile') : null })));
}

// "Related topics" under the heading, when the server has GET /v1/topics/{id}/related.
async function addRelated(head, topicId, stillCurrent) {
  if (!head || !(await hasOperation('GET', '/v1/topics/{id}/related'))) return;
  try {
    const answer = await get(`/v1/topics/${encodeURIComponent(topicId)}/related`, { limit: 8 });
    if (!stillCurrent() || answer.related.length === 0) return;
    head.after(h('nav', { class: 'related', 'aria-label': 'Related topics' }, h('span', { class: 'muted' }, 'Related: '),
      h('ul', { class: 'chips' }, answer.related.map((t) => h('li', { class: 'chip plain' }, topicLink(t.id, t.name))))));
  } catch {
    // Related topics are a help; without them the results stand.
  }
}

export function renderError(e, topic) {
  if (!(e instanceof ApiError)) return notice('error', `Something went wrong: ${e.message}`);
  if (e.unreachable) {
    return notice('error', h('strong', {}, e.message), ' ',
      h('button', { type: 'button', onclick: () => rerender() }, 'Try again'));
  }
  if (e.code === 'unknown_topic') {
    const suggestions = e.body.error.suggestions ?? [];
    return notice('empty', h('p', {}, `No topic matches "${topic}".`),
      suggestions.length
        ? h('p', { class: 'did-you-mean' }, 'Did you mean: ',
          suggestions.map((s, i) => [i ? ', ' : '', topicLink(s.id, s.name)]), '?')
        : h('p', {}, 'Try another word, or a shorter one.'));
  }
  return notice('error', e.message);
}
