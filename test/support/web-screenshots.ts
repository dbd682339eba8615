// `npm run screenshots`: the web page's key pages as PNGs in docs/screenshots, for the README.
// The same ledger as the browser test: the Heerlen case and a budget spread over lines.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startApi } from './api-harness';
import { browserMissing, buildWebPage, launchChromium, listen, PARTICIPATION_BUDGET, recordBudgetWithLines } from './browser';
import { loadScenario, recordScenario } from './scenario';

const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  const missing = browserMissing();
  if (missing) throw new Error(`cannot take screenshots: ${missing}`);
  const [api] = await Promise.all([startApi(), buildWebPage()]);
  try {
    await recordScenario(api, loadScenario('heerlen'));
    await recordBudgetWithLines(api);
    const baseUrl = await listen(api);
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const shot = async (name: string, hash: string, before?: () => Promise<void>) => {
      await page.goto(`${baseUrl}/web/${hash}`);
      await page.locator('main[data-ready="true"]').waitFor();
      await before?.();
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
      process.stdout.write(`docs/screenshots/${name}.png\n`);
    };
    mkdirSync(OUT, { recursive: true });
    await page.goto(`${baseUrl}/web/`);
    await page.screenshot({ path: join(OUT, 'sign-in.png') });
    await page.getByLabel('API-token').fill(api.adminToken);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await shot('overview', '#/');
    await shot('programme', '#/programmes/pilot-werkvoorheerlen-2024');
    await shot('programme-as-of-before', '#/programmes/pilot-werkvoorheerlen-2024?asOf=2024-01-01');
    await shot('budget', `#/budgets/${PARTICIPATION_BUDGET}`);
    await shot('provider', '#/providers/reha');
    await shot('journal', '#/journal', async () => {
      await page.getByRole('button', { name: 'Controleer nu' }).click();
      await page.getByTestId('verify-result').filter({ hasText: 'Intact' }).waitFor();
    });
    await browser.close();
  } finally {
    await api.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
