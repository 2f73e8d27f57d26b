// A person's profile: who they are and what they know, ranked, with the evidence behind each
// topic.  Sections backed by optional endpoints (person_extras.js) appear when the server has them.
// URL: /?person=ID.
import { ApiError, get } from './api.js';
import { announce, h, notice, personLink, topicLink } from './dom.js';
import { evidenceList, scoreBar } from './evidence.js';
import { rerender } from './nav.js';
import { extraSections } from './person_extras.js';

export async function render(main, params, stillCurrent) {
  const id = params.get('person');
  main.append(h('p', { class: 'loading' }, 'Loading...'));
  let answer;
  let record = null;
  try {
    [answer, record] = await Promise.all([
      get(`/v1/people/${encodeURIComponent(id)}/expertise`, { limit: 25 }),
      get(`/v1/people/${encodeURIComponent(id)}`).catch(() => null),
    ]);
  } catch (e) {
    if (!stillCurrent()) return;
    main.replaceChildren(personError(e, id));
    return;
  }
  if (!stillCurrent()) return;
  const p = answer.person;
  document.title = `${p.name} - whoknows`;
  const header = h('section', { class: 'profile-head' },
    h('h1', {}, p.name),
    h('p', { class: 'role' }, [p.title, p.department, p.location].filter(Boolean).join(' - ')),
    record?.manager ? h('p', { class: 'manager' }, 'Reports to ', managerLink(record.manager)) : null);
  const expertise = h('section', { class: 'panel', 'aria-labelledby': 'expertise-title' },
    h('h2', { id: 'expertise-title' }, 'Expertise'), expertiseList(answer.topics, p));
  main.replaceChildren(header, h('div', { class: 'profile-grid' },
    expertise, h('div', { class: 'profile-side' }, ...extraSections(p, stillCurrent))));
  announce(`Profile of ${p.name}`);
}

// A link to the manager, named once their record arrives (their id until then, or if it fails).
function managerLink(id) {
  const link = personLink(id);
  get(`/v1/people/${encodeURIComponent(id)}`).then((m) => { if (m?.name) link.textContent = m.name; }).catch(() => {});
  return link;
}

function expertiseList(topics, p) {
  if (topics.length === 0) return notice('empty', `No evidence of expertise for ${p.name} yet.`);
  const top = topics[0].score;
  return h('ol', { class: 'cards compact' }, topics.map((t, i) => h('li', { class: 'card', dataset: { topic: t.id } },
    h('div', { class: 'card-head' },
      h('span', { class: 'rank', 'aria-hidden': 'true' }, String(i + 1)),
      h('div', { class: 'who' }, h('h3', {}, topicLink(t.id, t.name))),
      scoreBar(t.score, top, `${p.name} on ${t.name}`)),
    h('details', { class: 'why', open: i === 0 },
      h('summary', {}, `Why: ${t.evidence_count} piece${t.evidence_count === 1 ? '' : 's'} of evidence`),
      evidenceList(t.evidence, { topic: t.id, more: t.evidence_count - t.evidence.length })))));
}

function personError(e, id) {
  if (e instanceof ApiError && e.unreachable) {
    return notice('error', h('strong', {}, e.message), ' ',
      h('button', { type: 'button', onclick: () => rerender() }, 'Try again'));
  }
  if (e instanceof ApiError && e.status === 404) {
    return notice('empty', h('p', {}, `There is nobody with the id "${id}".`),
      h('p', {}, h('a', { href: '/', 'data-nav': true }, 'Back to search')));
  }
  return notice('error', e.message);
}
