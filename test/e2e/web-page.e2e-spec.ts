// The web page in a real browser (Chromium, headless): sign in with a token, the Heerlen pilot
// with its cost and both funders in the who-paid diagram, the pilot absent as of a date before
// it was recorded, a budget's bars with its overrun marked, and verify run from the journal.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type Harness } from '../support/api-harness';
import { browserMissing, buildWebPage, launchChromium, listen, PARTICIPATION_BUDGET, recordBudgetWithLines } from '../support/browser';
import { expectProblem, get } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

const missing = browserMissing();
if (missing) process.stdout.write(`Web page browser test: SKIPPED, because ${missing}.\n`);
const describeInBrowser = missing ? describe.skip : describe;

const PILOT = 'pilot-werkvoorheerlen-2024';
const WAIT_MS = 10_000;

let api: Harness;
let baseUrl: string;

beforeAll(async () => {
  [api] = await Promise.all([startApi(), buildWebPage()]);
  await recordScenario(api, loadScenario('heerlen'));
  await recordBudgetWithLines(api);
  baseUrl = await listen(api);
}, 90_000);
afterAll(() => api?.close());

describe('the page as files', () => {
  it('is served without a token under /web/, and / leads there', async () => {
    expect((await api.http().get('/')).headers.location).toBe('/web/');
    const index = await api.http().get('/web/').expect(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/web\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const asset = await api.http().get(script).expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it("keeps helmet's policy (no inline script) but lets plain http load the page's own files", async () => {
    const page = (await api.http().get('/web/')).headers['content-security-policy'];
    expect(page).toContain("script-src 'self'");
    expect(page).toContain("script-src-attr 'none'");
    expect(page).not.toContain('upgrade-insecure-requests');
    const json = (await api.http().get('/v1/journal/digest')).headers['content-security-policy'];
    expect(json).toContain('upgrade-insecure-requests');
  });

  it('answers a file that is not there with a problem, not a page', async () => {
    expectProblem(await api.http().get('/web/assets/missing.js'), 404, 'not-found');
  });
});

describeInBrowser('the web page, in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Console errors and uncaught exceptions: a script or style the CSP blocked shows up here. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    context.setDefaultTimeout(WAIT_MS);
    page = await context.newPage();
    // An HTTP error the page handles (the unknown token's 401, the 404 of "not known then") is
    // logged by Chromium too; anything else is not expected.
    page.on('console', (message) => message.type() === 'error' && !/^Failed to load resource: the server responded with a status of (401|404)\b/.test(message.text()) && pageErrors.push(message.text()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('requestfailed', (request) => pageErrors.push(`${request.url()}: ${request.failure()?.errorText}`));
  }, 30_000);

  afterAll(() => browser?.close());

  /** The page finished drawing what the route names. */
  const shown = () => page.locator('main[data-ready="true"]').waitFor();
  /** A table's body as rows of cell texts, as a person reads them. */
  const cells = async (testId: string) => {
    const rows = page.getByTestId(testId).locator('tbody tr');
    return Promise.all((await rows.all()).map(async (row) => (await row.locator('td').allInnerTexts()).map((text) => text.trim())));
  };

  it('asks for a token, refuses an unknown one, and signs in with the admin token', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('API-token').fill(`gs_0000000000000000_${'A'.repeat(43)}`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Dit token is onbekend of ingetrokken.' }).waitFor();

    await page.getByLabel('API-token').fill(api.adminToken);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/`);
    await page.getByRole('heading', { name: 'Overzicht' }).waitFor();
    // The test's own tsconfig has no DOM types: what runs in the page is given as text.
    expect(await page.evaluate("sessionStorage.getItem('geldstroom.token')")).toBe(api.adminToken);
  });

  it('shows the Heerlen pilot: € 150.000,00, both funders in the who-paid diagram, the answer to copy', async () => {
    await page.getByRole('link', { name: 'Pilot re-integratie Stichting WerkvoorHeerlen' }).click();
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/#/programmes/${PILOT}`);
    expect(await page.getByTestId('committed').innerText()).toBe('Verplicht\n€ 150.000,00\nalles wat is toegekend of besteld, betaald of niet');
    expect(await page.getByTestId('realised').innerText()).toBe('Betaald (gerealiseerd)\n€ 150.000,00');
    expect(await page.getByTestId('per-participant').innerText()).toBe('Kosten per deelnemer\n€ 5.357,14\nboven de normband\nnormband € 2.000,00 – € 2.400,00');

    // The diagram: the links ECharts was given, and that it drew them on its canvas.
    const sankey = page.getByTestId('funding-sankey');
    await sankey.locator('canvas').waitFor();
    const links = JSON.parse((await sankey.getAttribute('data-chart')) ?? '[]') as { from: string; to: string; amount: string }[];
    expect(links).toEqual([
      { from: 'Arbeidsmarktregio Zuid-Limburg', to: 'Re-integratiemiddelen Arbeidsmarktregio Zuid-Limburg', amount: '100000.00' },
      { from: 'Re-integratiemiddelen Arbeidsmarktregio Zuid-Limburg', to: 'Pilot re-integratie Stichting WerkvoorHeerlen', amount: '100000.00' },
      { from: 'Gemeente Heerlen', to: 'Maatwerkbudget re-integratie (Gemeente Heerlen)', amount: '50000.00' },
      { from: 'Maatwerkbudget re-integratie (Gemeente Heerlen)', to: 'Pilot re-integratie Stichting WerkvoorHeerlen', amount: '50000.00' },
    ]);
    const canvas = await sankey.locator('canvas').boundingBox();
    expect(canvas!.width * canvas!.height).toBeGreaterThan(0);
    // The same flows as text a person can read (and a screen reader can reach).
    expect(await cells('funding-flows')).toEqual([
      ['Arbeidsmarktregio Zuid-Limburg', 'Re-integratiemiddelen Arbeidsmarktregio Zuid-Limburg', '€ 100.000,00'],
      ['Re-integratiemiddelen Arbeidsmarktregio Zuid-Limburg', 'Pilot re-integratie Stichting WerkvoorHeerlen', '€ 100.000,00'],
      ['Gemeente Heerlen', 'Maatwerkbudget re-integratie (Gemeente Heerlen)', '€ 50.000,00'],
      ['Maatwerkbudget re-integratie (Gemeente Heerlen)', 'Pilot re-integratie Stichting WerkvoorHeerlen', '€ 50.000,00'],
    ]);

    const answer = page.getByTestId('council-answer');
    expect(await answer.innerText()).toContain('De kosten bedragen € 150.000,00; daarvan is € 150.000,00 betaald en moet nog € 0,00 worden betaald.');
    expect(await answer.innerText()).toContain('gefinancierd door Arbeidsmarktregio Zuid-Limburg € 100.000,00 en Gemeente Heerlen € 50.000,00');
    await page.getByTestId('copy-answer').click();
    await page.getByText('Gekopieerd').waitFor();
    const copied = await page.evaluate('navigator.clipboard.readText()');
    const served = (await get(api, `/v1/programmes/${PILOT}/answer?lang=nl`)).body.text;
    expect(copied).toBe(served);
  });

  it('as of a date before the pilot was recorded, says the pilot was not known then', async () => {
    await page.getByLabel('Peildatum').fill('2024-01-01');
    await page.getByTestId('not-known').waitFor();
    expect(page.url()).toBe(`${baseUrl}/web/#/programmes/${PILOT}?asOf=2024-01-01`);
    expect(await page.getByTestId('not-known').innerText()).toContain(`Programma ‘${PILOT}’ is niet bekend per 1 januari 2024`);
    expect(await page.getByTestId('as-of-banner').innerText()).toContain('zoals het bekend was per 1 januari 2024');
    expect(await page.getByText('€ 150.000,00').count()).toBe(0);
    // Still a whole page: navigation works, and the overview of then is empty.
    await page.getByRole('link', { name: 'Overzicht' }).click();
    await shown();
    expect(await page.getByText("Geen programma's bekend per 1 januari 2024.").count()).toBe(1);

    await page.getByRole('button', { name: 'Vandaag' }).click();
    await page.getByRole('link', { name: 'Pilot re-integratie Stichting WerkvoorHeerlen' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/web/#/`);
  });

  it('shows a budget per allocation line as bars, the overrun marked', async () => {
    await page.getByRole('link', { name: 'Participatiebudget' }).click();
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/#/budgets/${PARTICIPATION_BUDGET}`);
    expect(await page.getByTestId('current').innerText()).toBe('Huidige begroting\n€ 110.000,00');
    // Begroot, verplicht (obligo), gerealiseerd, beschikbaar: 12 trajectories at € 3.000,00 on a line of € 30.000,00.
    expect(await cells('execution-table')).toEqual([
      ['⚠ Trajecten ReHa overschrijding', '€ 30.000,00', '€ 18.000,00', '€ 18.000,00', '€ -6.000,00'],
      ['Vitaliteitstrajecten', '€ 40.000,00', '€ 7.500,00', '€ 7.500,00', '€ 25.000,00'],
      ['Hele begroting', '€ 110.000,00', '€ 25.500,00', '€ 25.500,00', '€ 59.000,00'],
    ]);
    const bars = JSON.parse((await page.getByTestId('execution-bars').getAttribute('data-chart')) ?? '[]') as { label: string; marked?: boolean }[];
    expect(bars.map((b) => [b.label, Boolean(b.marked)])).toEqual([
      ['Trajecten ReHa', true],
      ['Vitaliteitstrajecten', false],
      ['Hele begroting', false],
    ]);
    await page.getByTestId('execution-bars').locator('canvas').waitFor();
  });

  it("shows a provider's purchases and payments per year", async () => {
    await page.getByRole('link', { name: 'Overzicht' }).click();
    await page.getByRole('link', { name: 'ReHa', exact: true }).click();
    await shown();
    // The scenario's 10 trajectories at € 3.000,00 and the participation budget's 12, of which € 18.000,00 paid.
    expect(await cells('purchases-2024')).toEqual([['2', '22', '€ 66.000,00', '€ 3.000,00', '€ 0,00', '€ 18.000,00']]);
  });

  it('runs verify from the journal and shows the result; findings link to their events', async () => {
    await page.getByRole('link', { name: 'Journaal' }).click();
    await shown();
    const digest = (await get(api, '/v1/journal/digest')).body as { treeSize: number; rootHash: string };
    expect(await page.getByTestId('digest').innerText()).toContain(digest.rootHash);
    expect(await page.getByTestId('journal-events').locator('tbody tr').count()).toBe(25);

    await page.getByRole('button', { name: 'Controleer nu' }).click();
    const result = page.getByTestId('verify-result');
    await result.filter({ hasText: 'Intact' }).waitFor();
    expect(await result.innerText()).toContain(`✓ Intact — ${digest.treeSize} gebeurtenissen gecontroleerd, boomgrootte ${digest.treeSize}`);
    expect(await result.innerText()).toContain(digest.rootHash);

    // ReHa was paid before it invoiced: a finding, its event one click away.
    const finding = page.getByTestId('findings').locator('li').filter({ hasText: 'reha-participatie-2024' });
    expect(await finding.innerText()).toContain('Er is meer betaald dan gefactureerd');
    const eventLink = finding.getByRole('link').first();
    const position = Number(/^(\d+)/.exec(await eventLink.innerText())![1]);
    await eventLink.click();
    await page.locator(`tr#event-${position}.highlight`).waitFor();
    expect(page.url()).toBe(`${baseUrl}/web/#/journal?at=${position}`);
  });

  it('ran without a script error or a blocked resource', () => {
    expect(pageErrors).toEqual([]);
  });
});
