// `npm run screenshots`: the web page's key pages as PNGs in docs/screenshots, for the README, at a
// desktop's width and a phone's. The same ledger as the browser test: the Heerlen case, a budget
// spread over lines, and a reporting year of another municipality.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startApi, type Harness } from './api-harness';
import { get } from './http';
import { browserMissing, buildWebPage, launchChromium, listen, PARTICIPATION_BUDGET, recordBudgetWithLines, recordReportingYear, REPORTING_PARTY } from './browser';
import { loadScenario, recordScenario } from './scenario';

const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');
const PILOT = 'pilot-werkvoorheerlen-2024';

async function main(): Promise<void> {
  const missing = browserMissing();
  if (missing) throw new Error(`cannot take screenshots: ${missing}`);
  const [api] = await Promise.all([startApi(), buildWebPage()]);
  try {
    await recordScenario(api, loadScenario('heerlen'));
    await recordBudgetWithLines(api);
    await recordReportingYear(api);
    // What the pilot's page said just before its purchase from WerkvoorHeerlen was recorded.
    const trail = (await get(api, '/v1/audit/streams/purchase-heerlen-pilot-werkvoorheerlen-2024')).body as { events: { position: number }[] };
    const then = trail.events[0].position - 1;
    const baseUrl = await listen(api);
    const browser = await launchChromium();
    mkdirSync(OUT, { recursive: true });
    await shots(browser, api, baseUrl, { width: 1280, height: 900 }, '', [
      ['overview', '#/'],
      ['programme', `#/programmes/${PILOT}`],
      ['programme-as-of-before', `#/programmes/${PILOT}?asOf=2024-01-01`],
      ['budget', `#/budgets/${PARTICIPATION_BUDGET}`],
      ['provider', '#/providers/reha'],
      ['party', '#/parties/wsp-parkstad?year=2024'],
      ['flows', '#/flows?year=2024'],
      ['journal', '#/journal?party=reha'],
      ['party-spending', '#/parties/gemeente-heerlen?year=2024'],
      ['iv3', '#/parties/gemeente-heerlen/iv3?year=2024'],
      ['rechtmatigheid', '#/parties/gemeente-heerlen/rechtmatigheid?year=2024'],
      ['funding-accountability', `#/parties/${REPORTING_PARTY}/funding-accountability`],
      ['changes', `#/changes/programme-cost/${PILOT}?then=${then}`],
    ]);
    await shots(browser, api, baseUrl, { width: 390, height: 844 }, '-phone', [
      ['programme', `#/programmes/${PILOT}`],
      ['journal', '#/journal?type=PurchasePaid'],
      ['rechtmatigheid', '#/parties/gemeente-heerlen/rechtmatigheid?year=2024'],
    ]);
    await browser.close();
  } finally {
    await api.close();
  }
}

async function shots(browser: Browser, api: Harness, baseUrl: string, viewport: { width: number; height: number }, suffix: string, pages: [string, string][]): Promise<void> {
  const page = await browser.newPage({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  await page.goto(`${baseUrl}/web/`);
  if (!suffix) await page.screenshot({ path: join(OUT, 'sign-in.png') });
  await page.getByLabel('API-token').fill(api.adminToken);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  for (const [name, hash] of pages) {
    await page.goto(`${baseUrl}/web/${hash}`);
    await page.locator(`main[data-ready="true"][data-route=${JSON.stringify(new URL(page.url()).hash || '#/')}]`).waitFor();
    await page.screenshot({ path: join(OUT, `${name}${suffix}.png`), fullPage: true });
    process.stdout.write(`docs/screenshots/${name}${suffix}.png\n`);
  }
  await page.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
