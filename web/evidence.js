// The evidence behind a score (GET /v1/experts, /v1/people/{id}/expertise), grouped the way a
// reader asks "why?": documents written, reviews, projects, declared skills, endorsements.
import { h, personLink } from './dom.js';

const GROUPS = [
  ['Documents', (e) => e.kind === 'document' && e.role !== 'reviewer'],
  ['Reviews', (e) => e.kind === 'document' && e.role === 'reviewer'],
  ['Projects', (e) => e.kind === 'project'],
  ['Declared skills', (e) => e.kind === 'skill'],
  ['Endorsements', (e) => e.kind === 'endorsement'],
];

function item(e, topic) {
  const title = e.kind === 'endorsement' && e.id ? h('span', {}, 'Endorsed by ', personLink(e.id, e.title.replace(/^Endorsed by /, ''))) : e.title;
  const meta = [];
  if (e.kind === 'document' || e.kind === 'project') {
    if (e.role) meta.push(e.role);
  } else if (e.kind === 'skill' && e.role) {
    meta.push(e.role);
  }
  if (e.topic && e.topic !== topic) meta.push(`on ${e.topic}`);
  return h('li', {},
    h('span', { class: 'ev-title' }, title),
    meta.length ? h('span', { class: 'ev-meta' }, ` - ${meta.join(', ')}`) : null,
    e.date ? h('time', { class: 'ev-date', datetime: e.date }, e.date) : null);
}

// A list of evidence groups; `more` (> 0) says how many more pieces exist than were sent.  The
// topic of each piece is shown when it is not `topic` (evidence found through a related topic).
export function evidenceList(evidence, { topic = null, more = 0, moreLink = null } = {}) {
  const parts = [];
  for (const [name, test] of GROUPS) {
    const items = evidence.filter(test);
    if (items.length === 0) continue;
    parts.push(h('div', { class: 'ev-group' }, h('h4', {}, name), h('ul', {}, items.map((e) => item(e, topic)))));
  }
  return h('div', { class: 'evidence' }, h('div', { class: 'ev-groups' }, parts),
    more > 0 ? h('p', { class: 'ev-more' }, `${more} more piece${more === 1 ? '' : 's'} of evidence`,
      moreLink ? [' - ', moreLink] : null) : null);
}

// A bar showing `value` relative to `top` (the best score shown), with the number beside it.
export function scoreBar(value, top, label) {
  const pct = top > 0 ? Math.max(2, Math.round((100 * value) / top)) : 0;
  return h('div', { class: 'score', title: `score ${value.toFixed(2)}` },
    h('div', { class: 'bar', role: 'img', 'aria-label': `${label}: ${pct}% of the top score` },
      h('div', { class: 'fill', style: { width: `${pct}%` } })),
    h('span', { class: 'score-value', 'aria-hidden': 'true' }, value.toFixed(2)));
}
