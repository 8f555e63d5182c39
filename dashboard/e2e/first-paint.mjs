// How fast the dashboard shows its first tasks, and how much the browser holds, against a running Switchboard with
// however many tasks (bench/report.sh's dashboard section loads 100,000 open ones). Prints one line of JSON:
// firstTasksMs (navigation start to the first task row and the cards filled), rows, the cards and the server's
// counts (equal, or the page is wrong), jsHeapMb (Chromium's used JS heap once loaded), and the same for a search
// and for the next page.
//
//   DASHBOARD_URL=http://localhost:8080/ node e2e/first-paint.mjs

import { chromium } from 'playwright-core';

const url = process.env.DASHBOARD_URL ?? 'http://localhost:8080/';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const search = process.env.SEARCH_WORDS ?? 'team-3 p1';

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(60000);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('[data-testid="task-list"] > li[data-testid^="task-"]')
    && document.querySelector('[data-testid="metric-total"] .metric-value')?.textContent !== '–', null, { polling: 'raf' });
  const firstTasksMs = Math.round(await page.evaluate(() => performance.now()));
  const rows = () => page.locator('[data-testid="task-list"] > li[data-testid^="task-"]').count();
  const cards = Object.fromEntries(await page.locator('.metric').evaluateAll((all) =>
    all.map((c) => [c.getAttribute('data-testid').replace('metric-', ''), Number(c.querySelector('.metric-value')?.textContent)])));
  const counts = await page.evaluate(() => fetch('/api/tasks?limit=1&counts=true').then((r) => r.json()).then((b) => b.counts));
  const heap = async () => Math.round((await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)) / 1048576);
  const result = { firstTasksMs, rows: await rows(), cards, counts: { total: counts.total, ...counts.byStatus }, jsHeapMb: await heap() };
  result.cardsMatch = cards.total === counts.total && cards.pending === counts.byStatus.PENDING
    && cards.completed === counts.byStatus.COMPLETED;

  let started = Date.now();
  await page.locator('[data-testid="more"]').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="task-list"] > li[data-testid^="task-"]').length > n, result.rows);
  result.nextPageMs = Date.now() - started;

  started = Date.now();
  await page.locator('[data-testid="search"]').fill(search);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="task-list"] > li[data-testid^="task-"]')]
    .every((li) => li.textContent.includes('P1')) && document.querySelector('[data-testid="list-count"]')?.textContent.includes(' of '));
  // From typing to the answer on screen, the page's 250 ms pause for typing included.
  result.searchMs = Date.now() - started;
  result.searchMatching = await page.locator('[data-testid="list-count"]').textContent();
  result.jsHeapMbAfter = await heap();
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
