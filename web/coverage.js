// Coverage for HR (GET /v1/coverage, GET /v1/coverage/gaps): a heatmap of topics against
// departments (experts per cell), the riskiest topics, the gaps with suggested mentors, and the
// whole table as CSV.  URL: /?view=coverage[&min_score=S][&rows=all].
import { ApiError, get } from './api.js';
import { announce, h, notice, personLink, topicLink } from './dom.js';
import { navigate, rerender } from './nav.js';

const RISK_LABELS = {
  no_expert: 'no expert',
  single_expert: 'single expert',
  one_department: 'one department',
  stale: 'stale (no evidence in a year)',
};
const DEFAULT_ROWS = 40;

export async function render(main, params, stillCurrent) {
  const minScore = params.get('min_score') ?? '';
  const allRows = params.get('rows') === 'all';
  main.append(h('h1', {}, 'Coverage'), h('p', { class: 'loading' }, 'Loading...'));
  let coverage;
  let gaps;
  try {
    [coverage, gaps] = await Promise.all([
      get('/v1/coverage', { limit: 1000, min_score: minScore }),
      get('/v1/coverage/gaps', { limit: 10, min_score: minScore }),
    ]);
  } catch (e) {
    if (!stillCurrent()) return;
    main.replaceChildren(h('h1', {}, 'Coverage'), errorNotice(e));
    return;
  }
  if (!stillCurrent()) return;
  const topics = coverage.topics;
  const departments = departmentsOf(topics);
  main.replaceChildren(
    h('h1', {}, 'Coverage'),
    controls(minScore, topics, departments),
    riskPanel(topics),
    h('section', { 'aria-labelledby': 'heatmap-title' },
      h('h2', { id: 'heatmap-title' }, 'Experts per topic and department'),
      h('p', { class: 'muted' }, 'Riskiest topics first (marked !). A cell counts the experts of that department; an empty row is a topic nobody covers.'),
      heatmap(allRows ? topics : topics.slice(0, DEFAULT_ROWS), departments),
      topics.length > DEFAULT_ROWS ? h('p', {}, allRows
        ? h('a', { href: urlWith(minScore, false), 'data-nav': true }, `Show the ${DEFAULT_ROWS} riskiest only`)
        : h('a', { href: urlWith(minScore, true), 'data-nav': true }, `Show all ${topics.length} topics`)) : null),
    gapPanel(gaps.gaps));
  announce(`Coverage of ${topics.length} topics`);
}

function urlWith(minScore, all) {
  const p = new URLSearchParams({ view: 'coverage' });
  if (minScore) p.set('min_score', minScore);
  if (all) p.set('rows', 'all');
  return `/?${p}`;
}

function departmentsOf(topics) {
  const total = new Map();
  for (const t of topics) {
    for (const [d, n] of Object.entries(t.departments)) total.set(d, (total.get(d) ?? 0) + n);
  }
  return [...total.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([d]) => d);
}

function controls(minScore, topics, departments) {
  const input = h('input', { id: 'min-score', type: 'number', min: '0', step: '0.1', value: minScore || '0.5' });
  const csv = toCsv(topics, departments);
  return h('form', {
    class: 'form-row', onsubmit: (e) => {
      e.preventDefault();
      const v = input.value.trim();
      navigate(urlWith(/^[0-9]+(\.[0-9]+)?$/.test(v) && v !== '0.5' ? v : '', false));
    },
  },
  h('div', { class: 'field' }, h('label', { for: 'min-score' }, 'Score an expert needs'), input),
  h('button', { type: 'submit' }, 'Apply'),
  h('a', {
    class: 'button-link', download: 'whoknows-coverage.csv', id: 'csv-download',
    href: `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`,
  }, 'Download CSV'));
}

function csvCell(v) {
  const s = String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(topics, departments) {
  const head = ['topic_id', 'topic', 'experts', 'bus_factor', 'last_evidence', 'risks', 'top_experts',
    ...departments.map((d) => `dept:${d || '(none)'}`)];
  const rows = topics.map((t) => [t.id, t.name, t.experts, t.bus_factor, t.last_evidence ?? '',
    t.risks.join(' '), t.top.map((p) => p.name).join('; '),
    ...departments.map((d) => t.departments[d] ?? 0)]);
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

function riskBadges(risks) {
  return risks.map((r) => h('span', { class: `badge risk-${r}` }, RISK_LABELS[r] ?? r));
}

function riskPanel(topics) {
  const risky = topics.filter((t) => t.risks.length > 0).slice(0, 8);
  return h('section', { class: 'side-panel', 'aria-labelledby': 'risk-title' },
    h('h2', { id: 'risk-title' }, 'Riskiest topics'),
    risky.length === 0 ? h('p', {}, 'No topic is at risk.') : h('div', { class: 'table-wrap' }, h('table', { class: 'risks' },
      h('thead', {}, h('tr', {}, ['Topic', 'Experts', 'Bus factor', 'Latest evidence', 'Risks', 'Strongest']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, risky.map((t) => h('tr', {},
        h('th', { scope: 'row' }, topicLink(t.id, t.name)),
        h('td', { class: 'num' }, String(t.experts)),
        h('td', { class: 'num' }, String(t.bus_factor)),
        h('td', {}, t.last_evidence ?? 'none'),
        h('td', {}, riskBadges(t.risks)),
        h('td', {}, t.top.map((p, i) => [i ? ', ' : '', personLink(p.id, p.name)]))))))));
}

// Cell colour: light to dark blue by experts; white for none.  Text is dark or white with at least
// 4.5:1 contrast (WCAG AA): this blue at lightness 55-61% reaches that with neither, so those cells
// take the nearest shade that does (54% with white text, 62% with dark).
function cellStyle(n, max) {
  if (n === 0) return {};
  const t = Math.min(1, Math.sqrt(n / Math.max(1, max)));
  let light = Math.round(92 - 60 * t);
  if (light > 54 && light < 62) light = light < 58 ? 54 : 62;
  return { background: `hsl(220 75% ${light}%)`, color: light <= 54 ? '#fff' : '#1b1f24' };
}

function riskMark(risks) {
  const text = `at risk: ${risks.map((r) => RISK_LABELS[r] ?? r).join(', ')}`;
  return h('span', { class: 'risk-mark', role: 'img', 'aria-label': text, title: text }, '!');
}

function heatmap(topics, departments) {
  let max = 0;
  for (const t of topics) for (const n of Object.values(t.departments)) max = Math.max(max, n);
  return h('div', { class: 'table-wrap' }, h('table', { class: 'heatmap' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Topic'),
      h('th', { scope: 'col', class: 'num' }, 'Experts'),
      h('th', { scope: 'col', class: 'num' }, 'Bus factor'),
      departments.map((d) => h('th', { scope: 'col', class: 'dept' }, h('span', {}, d || '(none)'))),
      h('th', { scope: 'col' }, 'Risks'))),
    h('tbody', {}, topics.map((t) => h('tr', {},
      h('th', { scope: 'row' }, topicLink(t.id, t.name), t.risks.length ? riskMark(t.risks) : null),
      h('td', { class: 'num' }, String(t.experts)),
      h('td', { class: `num${t.bus_factor <= 1 ? ' warn' : ''}` }, String(t.bus_factor)),
      departments.map((d) => {
        const n = t.departments[d] ?? 0;
        return h('td', { class: 'cell', style: cellStyle(n, max), title: `${t.name} / ${d || '(none)'}: ${n}` }, n ? String(n) : '');
      }),
      h('td', {}, riskBadges(t.risks)))))));
}

function gapPanel(gaps) {
  return h('section', { 'aria-labelledby': 'gaps-title' },
    h('h2', { id: 'gaps-title' }, 'Gaps: demand against experts'),
    gaps.length === 0 ? notice('empty', 'No gaps: every topic in demand has experts.') : h('ol', { class: 'cards compact' },
      gaps.map((g) => h('li', { class: 'card' },
        h('h3', {}, topicLink(g.id, g.name), h('span', { class: 'muted' }, ` - gap ${g.gap.toFixed(1)}`)),
        h('p', { class: 'role' }, `${g.experts} expert${g.experts === 1 ? '' : 's'}, ${g.projects.length} active project${g.projects.length === 1 ? '' : 's'}, ${g.learners} learner${g.learners === 1 ? '' : 's'}`),
        g.projects.length ? h('p', {}, 'Projects: ', g.projects.map((p) => p.name).join(', ')) : null,
        g.pairs.length ? h('details', { class: 'why' }, h('summary', {}, 'Suggested mentors'),
          h('ul', {}, g.pairs.map((pair) => h('li', {}, personLink(pair.learner.id, pair.learner.name), ' learns from ',
            pair.mentor ? personLink(pair.mentor.id, pair.mentor.name) : h('em', {}, 'nobody available'))))) : null))));
}

function errorNotice(e) {
  if (e instanceof ApiError && e.unreachable) {
    return notice('error', h('strong', {}, e.message), ' ',
      h('button', { type: 'button', onclick: () => rerender() }, 'Try again'));
  }
  return notice('error', e.message);
}
