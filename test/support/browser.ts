// A real browser for the web page's tests: Debian's Chromium driven by playwright-core (which
// never downloads a browser), headless, without a sandbox (CI runs as root) and without the
// background traffic a browser makes on its own. Also: the page's Vite build, and the API
// listening on a real port so the browser can reach it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import type { Harness } from './api-harness';
import { expectCreated, post } from './http';
import { MoneyFlows } from './money-flows';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const REPO = join(__dirname, '..', '..');
const BUILD_TIMEOUT_MS = 120_000;

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} is not installed (apt-get install chromium; .ci/run installs it)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** `vite build apps/web` into dist/web, as `npm start` does: the API serves what was built. */
export async function buildWebPage(): Promise<void> {
  const vite = join(REPO, 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', 'apps/web'], { cwd: REPO, timeout: BUILD_TIMEOUT_MS });
}

/** Listens on a free loopback port; returns the base URL. */
export async function listen(api: Harness): Promise<string> {
  await api.app.listen(0, '127.0.0.1');
  const address = api.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

export const PARTICIPATION_BUDGET = 'heerlen-participatie-2024';

/**
 * A budget spread over allocation lines, one of them overrun, beside the Heerlen case (whose
 * budgets have no lines): what the budget page's bars are for.
 */
export async function recordBudgetWithLines(api: Harness): Promise<void> {
  expectCreated(
    await post(api, '/v1/budgets', {
      budgetId: PARTICIPATION_BUDGET,
      ownerPartyId: 'gemeente-heerlen',
      name: 'Participatiebudget',
      fiscalYear: 2024,
      taakveld: '6.5',
      sourceReference: 'Begroting Heerlen 2024',
      effectiveDate: '2024-01-01',
    }),
  );
  const flows = new MoneyFlows(api, 'Begroting Heerlen 2024');
  await flows.fund(PARTICIPATION_BUDGET, 'eigen-middelen', '120000.00', '2024-01-02');
  await flows.amend(PARTICIPATION_BUDGET, 'bw-1', '-10000.00', '2024-04-01');
  await flows.allocate(PARTICIPATION_BUDGET, 'trajecten', 'Trajecten ReHa', '30000.00', '2024-01-15');
  await flows.allocate(PARTICIPATION_BUDGET, 'vitaliteit', 'Vitaliteitstrajecten', '40000.00', '2024-01-15');
  await flows.purchase('reha-participatie-2024', PARTICIPATION_BUDGET, 'reha', 12, '3000.00', '2024-03-01', 'trajecten');
  await flows.payPurchase('reha-participatie-2024', 'betaling-1', '18000.00', '2024-05-01');
  await flows.purchase('balans-participatie-2024', PARTICIPATION_BUDGET, 'stichting-balans-en-vitaliteit', 6, '2500.00', '2024-03-01', 'vitaliteit');
  await flows.payPurchase('balans-participatie-2024', 'betaling-1', '7500.00', '2024-04-01');
}
