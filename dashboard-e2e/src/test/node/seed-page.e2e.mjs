// The seed-era page (seed-page.html) in Debian's chromium, driven by playwright-core, against a running Switchboard
// with the demo data and an anonymous role for seed-era clients (switchboard.security.anonymous-role). Run by
// dashboard-e2e's SeedPageInBrowserTest, which starts the stack. It checks: the metric cards equal the delegation
// report's summary; Assign on TASK-007 and "Process Next Task" are allowed without credentials and show on the page
// live (over Socket.IO), in the rows and in the recent activity; a task created by someone else appears live. It
// saves a screenshot and prints one line of JSON with what it saw (the last line); exit code 0 only when every check
// held.

import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = (process.env.GATEWAY_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const outDir = process.env.SCREENSHOT_DIR ?? 'target/e2e';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const adminKey = process.env.API_KEY;
const timeout = Number(process.env.E2E_TIMEOUT_MS ?? 20000);
const here = new URL('.', import.meta.url).pathname;
const socketIo = readFileSync(join(here, 'node_modules/socket.io-client/dist/socket.io.min.js'));

mkdirSync(outDir, { recursive: true });
const result = { checks: {}, consoleErrors: [] };
const check = (name, ok, detail) => {
  result.checks[name] = { ok: !!ok, ...(detail === undefined ? {} : { detail }) };
  if (!ok) throw new Error(`check failed: ${name} ${detail === undefined ? '' : JSON.stringify(detail)}`);
};
const report = async () => (await (await fetch(`${base}/api/tasks/report/delegation`)).json()).report;
const cards = (page) => page.evaluate(() => Object.fromEntries(['total', 'completed', 'in-progress', 'pending', 'failed']
  .map((name) => [name, Number(document.getElementById(`metric-${name}`).textContent)])));
const fromReport = (summary) => ({ total: summary.totalTasks, completed: summary.completed,
  'in-progress': summary.inProgress, pending: summary.pending, failed: summary.failed });

// The page comes from this script (page.route), not from an address, so chromium's local network access checks would
// refuse its WebSocket to the gateway on localhost; a page the gateway (or a seed server) serves is not refused.
const browser = await chromium.launch({ executablePath, headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-features=LocalNetworkAccessChecks'] });
let failed = null;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(timeout);
  page.on('console', (message) => { if (message.type() === 'error') result.consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => result.consoleErrors.push(`page error: ${error.message}`));
  // The page and its Socket.IO client come from here, at the gateway's origin, as if the gateway served them.
  await page.route(`${base}/seed-page.html`, (route) => route.fulfill({ contentType: 'text/html',
    body: readFileSync(join(here, 'seed-page.html')) }));
  await page.route(`${base}/seed-page/socket.io.min.js`, (route) => route.fulfill({
    contentType: 'application/javascript', body: socketIo }));
  await page.goto(`${base}/seed-page.html`);
  await page.waitForSelector('body[data-loaded="yes"][data-live="yes"]');

  const shown = await cards(page);
  const summary = fromReport((await report()).summary);
  check('metric cards equal the report', JSON.stringify(shown) === JSON.stringify(summary), { shown, summary });
  check('the demo tasks and agents are listed', await page.locator('#tasks tr').count() === 10
    && await page.locator('#agents tr').count() === 6);

  const started = Date.now();
  await page.click('#task-TASK-007 button.assign');
  await page.waitForSelector('#task-TASK-007[data-status="ASSIGNED"]');
  result.assignShownMs = Date.now() - started;
  check('the assigned task is in the recent activity',
    await page.locator('#activity li').first().getAttribute('data-task') === 'TASK-007');
  check('its agent is agent-qr-feature', (await page.locator('#task-TASK-007 td').nth(4).textContent())
    === 'agent-qr-feature');

  await page.click('#process-next');
  await page.waitForSelector('#message[data-action="/api/tasks/queue/next"]');
  const message = await page.locator('#message').textContent();
  const next = await page.locator('#message').getAttribute('data-task');
  check('Process Next Task took another task than the one just assigned', next && next !== 'TASK-007', next);
  await page.waitForSelector(`#task-${next}[data-status="ASSIGNED"]`);
  check('it is the newest activity', await page.locator('#activity li').first().getAttribute('data-task') === next);
  result.processedNext = { message, task: next };

  // Someone else's write, through the API with a key: the page hears of it over Socket.IO.
  const created = await fetch(`${base}/api/tasks`, { method: 'POST', headers: { 'Content-Type': 'application/json',
    ...(adminKey ? { 'X-API-Key': adminKey } : {}) },
  body: JSON.stringify({ id: 'SEED-LIVE-1', name: 'Created elsewhere', priority: 'P2', assignmentMode: 'MANUAL' }) });
  check('a task created over REST', created.status === 201, created.status);
  await page.waitForSelector('#task-SEED-LIVE-1[data-status="PENDING"]');
  await page.waitForFunction(async () => {
    const live = (await (await fetch('/api/tasks/report/delegation')).json()).report.summary.totalTasks;
    return Number(document.getElementById('metric-total').textContent) === live;
  });
  const after = await cards(page);
  const summaryAfter = fromReport((await report()).summary);
  check('metric cards follow the report', JSON.stringify(after) === JSON.stringify(summaryAfter),
    { after, summaryAfter });
  check('no console errors', result.consoleErrors.length === 0, result.consoleErrors);
  await page.screenshot({ path: join(outDir, 'seed-page.png'), fullPage: true });
} catch (error) {
  failed = error;
} finally {
  await browser.close();
}
result.ok = failed === null;
if (failed) result.error = String(failed.stack ?? failed);
console.log(JSON.stringify(result));
process.exit(failed ? 1 : 0);
