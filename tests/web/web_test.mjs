// End-to-end tests of the web page: a real `whoknows serve` on the demo company, driven in
// headless Chromium (Debian's /usr/bin/chromium through playwright-core; no browser download).
// Usage: node web_test.mjs --whoknows PATH --out DIR   (screenshots of every view go to DIR)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const WHOKNOWS = args.whoknows;
const OUT = args.out ?? 'web-screenshots';
const CHROMIUM = process.env.WHOKNOWS_CHROMIUM ?? '/usr/bin/chromium';
const WAIT_MS = 30000;  // generous: a bound on hangs, not a speed requirement

function check(cond, message) {
  if (!cond) throw new Error(`check failed: ${message}`);
}

function run(...argv) {
  const r = spawnSync(WHOKNOWS, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`whoknows ${argv.join(' ')} failed: ${r.stderr}`);
}

// Starts `whoknows serve` and resolves to {server, base} once it prints its address.
function startServer(db) {
  const server = spawn(WHOKNOWS, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start')), 120000);
    server.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    const onLine = (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) { clearTimeout(timer); resolve({ server, base: m[1] }); }
    };
    createInterface({ input: server.stdout }).on('line', onLine);
    createInterface({ input: server.stderr }).on('line', onLine);
  });
}

const TESTS = [];
// `needs`: operations ("GET /v1/coverage") the view is built on; without them the test is skipped,
// as the page hides the view.
function test(name, fn, needs = []) { TESTS.push({ name, fn, needs }); }

async function operations(base) {
  const doc = await (await fetch(`${base}/v1/openapi.json`)).json();
  const ops = new Set();
  for (const [p, item] of Object.entries(doc.paths)) for (const m of Object.keys(item)) ops.add(`${m.toUpperCase()} ${p}`);
  return ops;
}

async function shot(page, name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
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
  await shot(page, 'search-suggestions');
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
  await shot(page, 'search');
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
  await page.setViewportSize({ width: 390, height: 844 });  // a phone
  await page.goto(`${base}/?topic=kubernetes`);
  await (await cardsShown(page)).first().locator('summary').click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal scrolling on a phone (${overflow}px too wide)`);
  await page.screenshot({ path: join(OUT, 'search-phone.png') });
});

test('an unknown topic shows suggestions; nonsense says so', async ({ page, base }) => {
  await page.goto(`${base}/?topic=kuberne`);
  const suggestion = page.locator('.did-you-mean a', { hasText: 'Kubernetes' });
  await suggestion.waitFor({ timeout: WAIT_MS });
  await shot(page, 'unknown-topic');
  await suggestion.click();
  await cardsShown(page);
  await page.goto(`${base}/?topic=qqqqzzzz`);
  await page.locator('.notice.empty', { hasText: 'No topic matches' }).waitFor({ timeout: WAIT_MS });
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
  await shot(page, 'person');
  await page.goto(`${base}/?person=nobody-here`);
  await page.locator('.notice.empty', { hasText: 'nobody' }).waitFor({ timeout: WAIT_MS });
});

test('server unreachable: a message, not a blank page', async ({ page, base }) => {
  await page.route('**/v1/experts**', (route) => route.abort('connectionrefused'));
  await page.goto(`${base}/?topic=rust`);
  await page.locator('.notice.error', { hasText: 'cannot be reached' }).waitFor({ timeout: WAIT_MS });
  await shot(page, 'unreachable');
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
  await shot(page, 'person-connections');
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
  await page.fill('#team-size', '4');
  await page.getByRole('button', { name: 'Build the team' }).click();
  await page.locator('.team.best').waitFor({ timeout: WAIT_MS });
  const url = new URL(page.url());
  check(url.searchParams.get('topics') === 'kubernetes,react,python' && url.searchParams.get('size') === '4', `URL: ${url}`);
  const members = await page.locator('.team.best tbody tr').count();
  check(members >= 1 && members <= 4, `1 to 4 members: ${members}`);
  check(await page.locator('.team.best .ok').count() === 1, 'every topic is covered');
  check(await page.locator('.team').count() >= 2, 'alternatives are shown');
  await shot(page, 'team');
  await page.goto(`${base}/?view=team&topics=kubernetes,rust,treasury&size=1`);
  await page.locator('.team.best .notice.error', { hasText: 'Not covered' }).waitFor({ timeout: WAIT_MS });
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
  await shot(page, 'coverage');
}, ['GET /v1/coverage', 'GET /v1/coverage/gaps']);

test('communities: graph and members', async ({ page, base }) => {
  await page.goto(`${base}/?view=communities`);
  await page.locator('.graph svg .node').first().waitFor({ timeout: WAIT_MS });
  check(await page.locator('.communities .card').count() >= 2, 'several communities');
  check(await page.locator('.graph svg .node').count() >= 10, 'members drawn');
  await shot(page, 'communities');
  await page.goto(`${base}/?view=communities&topic=kubernetes`);
  await page.locator('.graph svg .node').first().waitFor({ timeout: WAIT_MS });
  await shot(page, 'communities-topic');
}, ['GET /v1/communities']);

test('assets: content types and revalidation', async ({ base }) => {
  const index = await fetch(`${base}/?topic=rust`);
  check(index.headers.get('content-type').startsWith('text/html'), 'the page is HTML');
  const js = await fetch(`${base}/assets/app.js`);
  check(js.headers.get('content-type').startsWith('text/javascript'), 'scripts are JavaScript');
  const again = await fetch(`${base}/assets/app.js`, { headers: { 'If-None-Match': js.headers.get('etag') } });
  check(again.status === 304, `a known ETag gets 304, got ${again.status}`);
  check((await fetch(`${base}/assets/missing.js`)).status === 404, 'a missing asset is 404');
});

// Exit code 77: CTest reports the test as skipped (see CMakeLists.txt).
async function loadChromium() {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: no browser at ${CHROMIUM} (apt-get install chromium)`);
    process.exit(77);
  }
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    console.log('skipped: playwright-core is not installed (run `npm ci` in tests/web)');
    process.exit(77);
  }
}

async function main() {
  check(WHOKNOWS, '--whoknows PATH is required');
  const chromium = await loadChromium();
  mkdirSync(OUT, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'whoknows-web-'));
  let server = null;
  let context = null;
  let failures = 0;
  try {
    run('generate', '--people', '300', '--seed', '42', '--out', join(tmp, 'demo.ndjson'));
    run('import', '--db', join(tmp, 'db'), join(tmp, 'demo.ndjson'));
    const started = await startServer(join(tmp, 'db'));
    server = started.server;
    context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      acceptDownloads: true,
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1200, height: 900 },
    });
    const ops = await operations(started.base);
    for (const { name, fn, needs } of TESTS) {
      const missing = needs.filter((op) => !ops.has(op));
      if (missing.length) {
        console.log(`skip ${name}: the server has no ${missing.join(', ')}`);
        continue;
      }
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
      const t0 = Date.now();
      try {
        await fn({ page, base: started.base });
        check(errors.length === 0, `no errors in the page: ${errors.join('; ')}`);
        console.log(`ok   ${name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failures += 1;
        console.log(`FAIL ${name}: ${e.message}`);
        await shot(page, `failed-${TESTS.findIndex((t) => t.name === name)}`).catch(() => {});
      }
      await page.close();
    }
  } finally {
    if (context) await context.close().catch(() => {});
    if (server) server.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} of ${TESTS.length} failed` : `all ${TESTS.length} passed; screenshots in ${OUT}`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
