// End-to-end tests of the web page: a real `whoknows serve` on the demo company, driven in headless
// Chromium or Firefox (Debian's chromium or firefox-esr through playwright-core, see browsers.mjs;
// no browser download).  The same scenarios run in both.
// Usage: node web_test.mjs --whoknows PATH --out DIR [--browser chromium|firefox]
//   (screenshots of every view go to DIR)
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAccessible } from './a11y.mjs';
import { launch, requireBrowser } from './browsers.mjs';
import { check, demoDatabase, operations, parseFlags, startServer } from './harness.mjs';

const args = parseFlags(process.argv.slice(2));
const WHOKNOWS = args.whoknows;
const OUT = args.out ?? 'web-screenshots';
const BROWSER = args.browser ?? 'chromium';
const WAIT_MS = 30000;  // generous: a bound on hangs, not a speed requirement

const TESTS = [];
// `needs`: operations ("GET /v1/coverage") the view is built on; without them the test is skipped,
// as the page hides the view.
function test(name, fn, needs = []) { TESTS.push({ name, fn, needs }); }

async function shot(page, name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

// A view worth a look: checked for names and contrast (a11y.mjs), then photographed.
async function view(page, name) {
  await checkAccessible(page, name);
  await shot(page, name);
}

async function cardsShown(page) {
  await page.locator('.cards .card').first().waitFor({ timeout: WAIT_MS });
  return page.locator('.cards .card');
}

test('search with suggestions, keyboard choice and evidence', async ({ page, base }) => {
  await page.goto(`${base}/`);
  const box = page.getByRole('combobox', { name: 'Who knows about' });
  await box.waitFor({ timeout: WAIT_MS });
  await box.pressSequentially('kuber', { delay: 30 });
  const option = page.getByRole('option', { name: /Kubernetes/ });
  await option.waitFor({ timeout: WAIT_MS });
  check(await box.getAttribute('aria-expanded') === 'true', 'the suggestion list is announced as open');
  await view(page, 'search-suggestions');
  await box.press('Escape');
  check(await box.getAttribute('aria-expanded') === 'false', 'Escape closes the suggestions');
  await box.press('ArrowDown');
  await option.waitFor({ timeout: WAIT_MS });
  check(await box.getAttribute('aria-expanded') === 'true', 'ArrowDown opens them again');
  check((await box.getAttribute('aria-activedescendant')) !== null, 'ArrowDown makes a suggestion active');
  await box.press('Enter');
  const cards = await cardsShown(page);
  check(new URL(page.url()).searchParams.get('topic') === 'kubernetes', `the URL holds the topic: ${page.url()}`);
  check(await cards.count() >= 5, 'several experts on kubernetes');
  const first = cards.first();
  check((await first.locator('h3').innerText()).length > 0, 'a card names the person');
  check(await first.locator('.role').innerText() !== '', 'a card shows title and department');
  check(await first.locator('.fill').evaluate((e) => e.style.width) === '100%', 'the top score bar is full');
  await first.locator('summary').click();
  const evidence = first.locator('.evidence');
  await evidence.waitFor({ timeout: WAIT_MS });
  check(await evidence.locator('h4', { hasText: 'Documents' }).count() === 1, 'evidence lists documents');
  check(await evidence.locator('time').count() > 0, 'documents come with dates');
  await view(page, 'search');
  await page.screenshot({ path: join(OUT, 'search-top.png') });  // the one in docs/
});

test('department filter narrows the results and the URL', async ({ page, base }) => {
  await page.goto(`${base}/?topic=python`);
  await cardsShown(page);
  const options = await page.locator('#department option').allInnerTexts();
  check(options.length >= 2, `departments to choose from: ${options}`);
  const value = await page.locator('#department option').nth(1).getAttribute('value');
  await page.selectOption('#department', value);
  await page.waitForURL((url) => url.searchParams.get('department') === value, { timeout: WAIT_MS });
  const cards = await cardsShown(page);
  const roles = await cards.locator('.role').allInnerTexts();
  check(roles.every((r) => r.includes(value)), `every card is in ${value}: ${roles}`);
});

test('a deep link opens with the results; back and forward work', async ({ page, base }) => {
  await page.goto(`${base}/?topic=rust`);
  await cardsShown(page);
  check(await page.getByRole('combobox', { name: 'Who knows about' }).inputValue() === 'rust', 'the box shows the topic');
  await page.locator('.cards .card h3 a').first().click();
  await page.locator('.profile-head h1').waitFor({ timeout: WAIT_MS });
  check(new URL(page.url()).searchParams.has('person'), 'the profile has its URL');
  await page.goBack();
  await cardsShown(page);
  check(new URL(page.url()).searchParams.get('topic') === 'rust', 'back returns to the results');
});

test('an unknown topic shows suggestions; nonsense says so', async ({ page, base }) => {
  await page.goto(`${base}/?topic=kuberne`);
  const suggestion = page.locator('.did-you-mean a', { hasText: 'Kubernetes' });
  await suggestion.waitFor({ timeout: WAIT_MS });
  await view(page, 'unknown-topic');
  await suggestion.click();
  await cardsShown(page);
  await page.goto(`${base}/?topic=qqqqzzzz`);
  await page.locator('.notice.empty', { hasText: 'No topic matches' }).waitFor({ timeout: WAIT_MS });
  await view(page, 'no-topic');
});

test('person profile: expertise ranked with evidence', async ({ page, base }) => {
  await page.goto(`${base}/?topic=kubernetes`);
  const name = await (await cardsShown(page)).first().locator('h3').innerText();
  await page.goto(`${base}/?person=p000004`);
  await page.locator('.profile-head h1').waitFor({ timeout: WAIT_MS });
  check(await page.locator('.profile-head h1').innerText() === name, 'the profile of the top expert');
  const topics = page.locator('.cards .card');
  check(await topics.count() >= 2, 'several topics');
  check(await topics.first().locator('.evidence li').count() > 0, 'the top topic shows its evidence');
  await view(page, 'person');
  await page.goto(`${base}/?person=nobody-here`);
  await page.locator('.notice.empty', { hasText: 'nobody' }).waitFor({ timeout: WAIT_MS });
  await view(page, 'unknown-person');
});

test('server unreachable: a message, not a blank page', async ({ page, base }) => {
  await page.route('**/v1/experts**', (route) => route.abort('connectionrefused'));
  await page.goto(`${base}/?topic=rust`);
  await page.locator('.notice.error', { hasText: 'cannot be reached' }).waitFor({ timeout: WAIT_MS });
  await view(page, 'unreachable');
});

test('profile: similar people, community and how am I connected', async ({ page, base }) => {
  await page.goto(`${base}/?person=p000150`);
  await page.locator('#similar-title').waitFor({ timeout: WAIT_MS });
  check(await page.locator('.similar li').count() > 0, 'similar people are listed');
  await page.locator('#community-title').waitFor({ timeout: WAIT_MS });
  await page.fill('#me', 'p000004');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.locator('.chain li').nth(1).waitFor({ timeout: WAIT_MS });
  const steps = await page.locator('.chain li').allInnerTexts();
  check(steps.length >= 2 && steps[steps.length - 1].includes(await page.locator('.profile-head h1').innerText()),
    `a chain ending at the profile's person: ${steps}`);
  await view(page, 'person-connections');
}, ['GET /v1/people/{id}/similar', 'GET /v1/people/{a}/path/{b}', 'GET /v1/communities']);

test('search shows related topics', async ({ page, base }) => {
  await page.goto(`${base}/?topic=kubernetes`);
  await page.locator('nav.related a').first().waitFor({ timeout: WAIT_MS });
  await page.locator('nav.related a').first().click();
  await page.waitForURL((url) => url.searchParams.get('topic') !== 'kubernetes', { timeout: WAIT_MS });
  await cardsShown(page);
}, ['GET /v1/topics/{id}/related']);

test('team builder: topics, size, coverage and alternatives', async ({ page, base }) => {
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: 'Team builder' }).click();
  const box = page.getByRole('combobox', { name: 'Add a topic the team needs' });
  for (const [typed, name] of [['kuber', 'Kubernetes'], ['reac', 'React'], ['pytho', 'Python']]) {
    await box.pressSequentially(typed, { delay: 20 });
    await page.getByRole('option', { name: new RegExp(`^${name}`) }).first().waitFor({ timeout: WAIT_MS });
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.locator('.chip', { hasText: name }).waitFor({ timeout: WAIT_MS });
  }
  // By keyboard, as a person would: playwright's fill() cannot select the old value of a number
  // field in Firefox (no select() there) and would append to it.
  await page.locator('#team-size').focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('4');
  await page.getByRole('button', { name: 'Build the team' }).click();
  await page.locator('.team.best').waitFor({ timeout: WAIT_MS });
  const url = new URL(page.url());
  check(url.searchParams.get('topics') === 'kubernetes,react,python' && url.searchParams.get('size') === '4', `URL: ${url}`);
  const members = await page.locator('.team.best tbody tr').count();
  check(members >= 1 && members <= 4, `1 to 4 members: ${members}`);
  check(await page.locator('.team.best .ok').count() === 1, 'every topic is covered');
  check(await page.locator('.team').count() >= 2, 'alternatives are shown');
  await view(page, 'team');
  await page.goto(`${base}/?view=team&topics=kubernetes,rust,treasury&size=1`);
  await page.locator('.team.best .notice.error', { hasText: 'Not covered' }).waitFor({ timeout: WAIT_MS });
  await view(page, 'team-uncovered');
  await page.goto(`${base}/?view=team&topics=kubernetes,kuberne`);
  await page.locator('.did-you-mean a', { hasText: 'Kubernetes' }).waitFor({ timeout: WAIT_MS });
}, ['POST /v1/teams']);

test('coverage: heatmap, risks, gaps and CSV', async ({ page, base }) => {
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: 'Coverage' }).click();
  await page.locator('table.heatmap tbody tr').first().waitFor({ timeout: WAIT_MS });
  check(new URL(page.url()).searchParams.get('view') === 'coverage', 'the URL names the view');
  check(await page.locator('table.heatmap thead th.dept').count() >= 3, 'departments are columns');
  check(await page.locator('table.heatmap tbody tr').count() >= 10, 'topics are rows');
  check(await page.locator('table.risks .badge').count() > 0, 'risky topics are listed with their risks');
  check(await page.locator('#gaps-title').count() === 1, 'the gaps are shown');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv-download').click()]);
  const path = join(OUT, 'coverage.csv');
  await download.saveAs(path);
  const csv = readFileSync(path, 'utf8').split('\n');
  check(csv[0].startsWith('topic_id,topic,experts,bus_factor'), `CSV header: ${csv[0]}`);
  check(csv.length > 20, 'one CSV row per topic');
  await view(page, 'coverage');
}, ['GET /v1/coverage', 'GET /v1/coverage/gaps']);

test('communities: graph and members', async ({ page, base }) => {
  await page.goto(`${base}/?view=communities`);
  await page.locator('.graph svg .node').first().waitFor({ timeout: WAIT_MS });
  check(await page.locator('.communities .card').count() >= 2, 'several communities');
  check(await page.locator('.graph svg .node').count() >= 10, 'members drawn');
  await view(page, 'communities');
  await page.goto(`${base}/?view=communities&topic=kubernetes`);
  await page.locator('.graph svg .node').first().waitFor({ timeout: WAIT_MS });
  await view(page, 'communities-topic');
}, ['GET /v1/communities']);

// Tab from the top of the page until `locator` has the focus (at most `limit` presses).
async function tabTo(page, locator, limit = 40) {
  for (let i = 0; i < limit; i += 1) {
    if (await locator.evaluate((e) => e === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`check failed: ${limit} presses of Tab never reached ${locator}`);
}

// The focused element shows the page's focus ring (style.css, :focus-visible).
async function focusRingShown(page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle === 'solid' && parseFloat(style.outlineWidth) >= 2;
  });
}

test('keyboard only: skip link, search, evidence and the menu', async ({ page, base }) => {
  await page.goto(`${base}/`);
  const box = page.getByRole('combobox', { name: 'Who knows about' });
  await page.locator('body[data-ready]').waitFor({ timeout: WAIT_MS });
  check(await box.evaluate((e) => e === document.activeElement), 'the start page puts the cursor in the search box');
  await page.goto(`${base}/?topic=kubernetes`);
  await cardsShown(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  check(await skip.evaluate((e) => e === document.activeElement), 'the first Tab reaches the skip link');
  check((await skip.boundingBox()).x >= 0, 'the focused skip link is on screen');
  check(await focusRingShown(page), 'the skip link shows the focus ring');
  const shown = await page.locator('.cards .card').first().elementHandle();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  check(await box.evaluate((e) => e === document.activeElement), 'after the skip link, Tab reaches the search box');
  check(await shown.evaluate((e) => e.isConnected), 'the skip link keeps the results (no re-render)');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('pyth');
  await page.getByRole('option', { name: /^Python/ }).first().waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('topic') === 'python', { timeout: WAIT_MS });
  const first = (await cardsShown(page)).first();
  await tabTo(page, first.locator('summary'));
  check(await focusRingShown(page), 'the evidence toggle shows the focus ring');
  await page.keyboard.press('Enter');
  await first.locator('.evidence li').first().waitFor({ timeout: WAIT_MS });
  await view(page, 'keyboard-evidence');
  await page.keyboard.press('Enter');
  check(!(await first.locator('details').evaluate((d) => d.open)), 'Enter closes the evidence again');
  const menu = page.getByRole('navigation', { name: 'Views' }).getByRole('link').nth(1);
  const label = await menu.innerText();
  await page.goto(`${base}/?topic=kubernetes`);
  await cardsShown(page);
  await tabTo(page, menu);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.has('view'), { timeout: WAIT_MS });
  await page.locator('h1', { hasText: label.split(' ')[0] }).waitFor({ timeout: WAIT_MS });
});

// Every view on a phone-sized screen: nothing wider than the screen (wide tables scroll inside
// their own box), and a screenshot of each.
const PHONE_VIEWS = [
  ['search', '/', '.notice'],
  ['results', '/?topic=kubernetes', '.cards .card'],
  ['person', '/?person=p000150', '.profile-head h1'],
  ['team', '/?view=team&topics=kubernetes,react,python&size=4', '.team.best', 'POST /v1/teams'],
  ['coverage', '/?view=coverage', 'table.heatmap tbody tr', 'GET /v1/coverage'],
  ['communities', '/?view=communities', '.graph svg .node', 'GET /v1/communities'],
];

test('responsive: every view fits a phone', async ({ page, base, ops }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [name, path, ready, needs] of PHONE_VIEWS) {
    if (needs && !ops.has(needs)) continue;
    await page.goto(`${base}${path}`);
    await page.locator(ready).first().waitFor({ timeout: WAIT_MS });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `no horizontal scrolling on a phone in ${name} (${overflow}px too wide)`);
    await checkAccessible(page, `${name} on a phone`);
    await page.screenshot({ path: join(OUT, `phone-${name}.png`) });
  }
});

test('assets: content types and revalidation', async ({ base }) => {
  const index = await fetch(`${base}/?topic=rust`);
  check(index.headers.get('content-type').startsWith('text/html'), 'the page is HTML');
  const js = await fetch(`${base}/assets/app.js`);
  check(js.headers.get('content-type').startsWith('text/javascript'), 'scripts are JavaScript');
  const again = await fetch(`${base}/assets/app.js`, { headers: { 'If-None-Match': js.headers.get('etag') } });
  check(again.status === 304, `a known ETag gets 304, got ${again.status}`);
  check((await fetch(`${base}/assets/missing.js`)).status === 404, 'a missing asset is 404');
});

// Console errors that are not the page's: a failed request the test provoked on purpose, and, in
// Firefox, the page's Content-Security-Policy refusing the `<style>body {}</style>` playwright
// injects before each screenshot (recognised by the hash Firefox reports; any other blocked style
// is the page's and fails the test).
const PLAYWRIGHT_STYLE_HASH = createHash('sha256').update('body {}').digest('base64');
function harnessNoise(text) {
  return /Failed to load resource/.test(text)
    || (/Content-Security-Policy/.test(text) && text.includes(PLAYWRIGHT_STYLE_HASH));
}

// Runs every test in its own page; resolves to the number of failures.
async function runTests(context, base) {
  const ops = await operations(base);
  let failures = 0;
  for (const [index, { name, fn, needs }] of TESTS.entries()) {
    const missing = needs.filter((op) => !ops.has(op));
    if (missing.length) {
      console.log(`skip ${name}: the server has no ${missing.join(', ')}`);
      continue;
    }
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => { if (!harnessNoise(String(e))) errors.push(String(e)); });
    page.on('console', (m) => { if (m.type() === 'error' && !harnessNoise(m.text())) errors.push(m.text()); });
    const t0 = Date.now();
    try {
      await fn({ page, base, ops });
      check(errors.length === 0, `no errors in the page: ${errors.join('; ')}`);
      console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failures += 1;
      console.log(`FAIL ${name}: ${e.message}`);
      await shot(page, `failed-${index}`).catch(() => {});
    }
    await page.close();
  }
  return failures;
}

async function main() {
  check(WHOKNOWS, '--whoknows PATH is required');
  requireBrowser(BROWSER);
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (/\.(png|csv)$/.test(f)) rmSync(join(OUT, f));  // no stale views
  const tmp = mkdtempSync(join(tmpdir(), 'whoknows-web-'));
  let server = null;
  let context = null;
  let failures = 0;
  try {
    const started = await startServer(WHOKNOWS, demoDatabase(WHOKNOWS, tmp, 300));
    server = started.server;
    context = await launch(BROWSER, join(tmp, 'profile'));
    failures = await runTests(context, started.base);
  } finally {
    if (context) await context.close().catch(() => {});
    if (server) server.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} of ${TESTS.length} failed in ${BROWSER}`
    : `all ${TESTS.length} passed in ${BROWSER}; screenshots in ${OUT}`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
