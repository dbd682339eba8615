// A real browser for the web page's tests: Debian's Chromium driven by playwright-core (which
// never downloads a browser), headless, without a sandbox (CI runs as root) and without the
// background traffic a browser makes on its own. Also: the page's Vite build, and the API
// listening on a real port so the browser can reach it.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
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

export const REPORTING_PARTY = 'gemeente-voerendaal';

/**
 * A reporting year beside the Heerlen case, for a municipality nothing else reads (figures made up
 * for the test, shaped like a real year): the Rijk's money under regulation SZW/G2 beside own
 * means (2:1 in one pool, so every payment is drawn two thirds from the Rijk), a grant for a
 * programme paid beyond its amount (a fout, reviewed as to be corrected), own staff, and a move to
 * its own other budget (not lasten). What the report pages show of a funding with a regulation,
 * a programme with participants and outcomes, and a reviewed finding.
 */
export async function recordReportingYear(api: Harness): Promise<void> {
  const flows = new MoneyFlows(api, 'Jaarrekening Voerendaal 2023');
  for (const [id, name, kind] of [
    [REPORTING_PARTY, 'Gemeente Voerendaal', 'municipality'],
    ['ministerie-szw', 'Ministerie van SZW', 'central-government'],
    ['werkbedrijf-voerendaal', 'Stichting Werkbedrijf Voerendaal', 'foundation'],
  ]) await flows.party(id, name, kind);
  await flows.programme('werkfit-voerendaal-2023', REPORTING_PARTY, 'Werkfit Voerendaal', '2023-01-01');
  await flows.budget('voerendaal-participatie-2023', REPORTING_PARTY, 2023, '6.5');
  await flows.budget('voerendaal-wsw-2023', REPORTING_PARTY, 2023, '6.4');
  await flows.fund('voerendaal-participatie-2023', 'eigen-middelen', '100000.00', '2023-01-02');
  await flows.fund('voerendaal-participatie-2023', 'buig-2023', '200000.00', '2023-01-02', 'ministerie-szw', { regulationCode: 'SZW/G2' });
  // € 150.000,00 paid on a grant of € 120.000,00: € 100.000,00 of it the Rijk's.
  await flows.grant('werkfit-voerendaal-subsidie', 'voerendaal-participatie-2023', 'werkbedrijf-voerendaal', '120000.00', '2023-03-01', undefined, { programmeId: 'werkfit-voerendaal-2023' });
  await flows.payGrant('werkfit-voerendaal-subsidie', 'voorschot-1', '120000.00', '2023-03-01');
  const overpaid = await flows.payGrant('werkfit-voerendaal-subsidie', 'voorschot-2', '30000.00', '2023-04-01');
  // Own staff € 30.000,00 (the Rijk's € 20.000,00), and € 60.000,00 to its own WSW budget.
  await flows.bookExpense('personeel-voerendaal-2023', 'salarissen', 'personnel', 'voerendaal-participatie-2023', REPORTING_PARTY, '30000.00', '2023-05-01');
  await flows.transfer('voerendaal-participatie-2023', 'naar-wsw-2023', 'voerendaal-wsw-2023', '60000.00', '2023-06-01');
  await flows.enrol('werkfit-voerendaal-2023', 'deelnemers', 20, '2023-06-01');
  await flows.outcomes('werkfit-voerendaal-2023', 'uitstroom-werk', 'work', 5, '2023-12-01');
  const token = await api.tokenFor('controller');
  await api
    .http()
    .post(`/v1/findings/${encodeURIComponent(`paid-above-granted:${overpaid.eventIds[0]}`)}/reviews`)
    .set('Authorization', `Bearer ${token}`)
    .send({ state: 'to-be-corrected', note: 'terugvorderen bij de vaststelling', effectiveDate: '2024-02-01' })
    .expect(201);
}

/** axe-core's own script: evaluated in the page over the DevTools protocol, which the page's CSP does not govern. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

/** The serious and critical accessibility violations axe-core finds on the page as it stands. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))`,
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** How far the page is wider than the window: 0 when nothing makes it scroll sideways. */
export async function horizontalOverflowPx(page: Page): Promise<number> {
  return (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
}

/** The smallest font size of any text a person reads on the page (not hidden, not in a canvas). */
export async function smallestTextPx(page: Page): Promise<{ px: number; text: string }> {
  return (await page.evaluate(`(() => {
    let smallest = { px: Infinity, text: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || !node.textContent.trim() || element.closest('.visually-hidden, [hidden], script, style, option')) continue;
      if (element.getClientRects().length === 0) continue;
      const px = parseFloat(getComputedStyle(element).fontSize);
      if (px < smallest.px) smallest = { px, text: node.textContent.trim().slice(0, 40) };
    }
    return smallest;
  })()`)) as { px: number; text: string };
}
