// How long the web page takes to show each view with its data, on the demo company, in headless
// Chromium and Firefox (Debian's, through tests/web's playwright-core: run `npm ci` in tests/web).
// Usage: node benchmarks/web_load.mjs --whoknows PATH [--people 3000] [--runs 10]
//                                     [--browsers chromium,firefox]
// For each view: the first load in a fresh browser profile (nothing cached) and the median of
// --runs later loads (assets revalidated by ETag), each from navigation start to the moment the
// page sets <body data-ready> (web/app.js: the first view rendered with its data), plus the HTML
// response and the load event.  Prints figures; it asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, requireBrowser } from '../tests/web/browsers.mjs';
import { check, demoDatabase, parseFlags, startServer } from '../tests/web/harness.mjs';

const flags = parseFlags(process.argv.slice(2));
const WHOKNOWS = flags.whoknows;
const PEOPLE = Number(flags.people ?? 3000);
const RUNS = Number(flags.runs ?? 10);
const BROWSERS = (flags.browsers ?? 'chromium,firefox').split(',');

const VIEWS = [
  ['start page', '/'],
  ['search results (kubernetes)', '/?topic=kubernetes'],
  ['person profile', '/?person=p000042'],
  ['team builder (3 topics)', '/?view=team&topics=kubernetes,react,python&size=4'],
  ['coverage', '/?view=coverage'],
  ['communities', '/?view=communities'],
];

// Runs in every page before its own scripts: notes when <body data-ready> appears.
function watchReady() {
  new MutationObserver((_, observer) => {
    if (document.body?.dataset.ready) {
      window.whoknowsReadyAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
}

// One load of `url` in a new tab: milliseconds from navigation start to the HTML response, the
// page being ready and the load event.
async function loadOnce(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.whoknowsReadyAt !== undefined, null, { timeout: 120000 });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { html: nav.responseEnd, ready: window.whoknowsReadyAt, load: nav.loadEventEnd };
    });
  } finally {
    await page.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

async function measure(browser, base, tmp) {
  const rows = [];
  for (const [name, path] of VIEWS) {
    // A fresh profile per view, so the first load finds nothing cached.
    const context = await launch(browser, join(tmp, `profile-${browser}-${rows.length}`));
    await context.addInitScript(watchReady);
    try {
      const first = await loadOnce(context, `${base}${path}`);
      const later = [];
      for (let i = 0; i < RUNS; i += 1) later.push(await loadOnce(context, `${base}${path}`));
      rows.push([name, first.ready, median(later.map((r) => r.ready)), median(later.map((r) => r.html)),
        median(later.map((r) => r.load))]);
    } finally {
      await context.close();
    }
  }
  console.log(`\n${browser}: ${PEOPLE} people, median of ${RUNS} later loads`);
  console.log('| view | first load: ready | later loads: ready | HTML received | load event |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, first, ready, html, load] of rows) {
    console.log(`| ${name} | ${ms(first)} | ${ms(ready)} | ${ms(html)} | ${ms(load)} |`);
  }
}

async function main() {
  check(WHOKNOWS, '--whoknows PATH is required');
  for (const b of BROWSERS) requireBrowser(b);
  const tmp = mkdtempSync(join(tmpdir(), 'whoknows-web-load-'));
  let server = null;
  try {
    const started = await startServer(WHOKNOWS, demoDatabase(WHOKNOWS, tmp, PEOPLE));
    server = started.server;
    for (const browser of BROWSERS) await measure(browser, started.base, tmp);
  } finally {
    if (server) server.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
