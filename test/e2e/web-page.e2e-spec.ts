// The web page in a real browser (Chromium, headless), as a municipal controller and an
// accountant use it, at a desktop's 1440 px and a phone's 390 px: every page visited fits the
// window and has no serious or critical accessibility violation (axe-core); the business date and
// knowledge time in the address; exports made by the API; a print stylesheet; the journal
// searched; the council answer; search, taakveld names and the pages for party funding and flows;
// the skip link and the text size.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type Harness } from '../support/api-harness';
import {
  browserMissing,
  buildWebPage,
  horizontalOverflowPx,
  launchChromium,
  listen,
  PARTICIPATION_BUDGET,
  recordBudgetWithLines,
  recordReportingYear,
  REPORTING_PARTY,
  seriousViolations,
  smallestTextPx,
} from '../support/browser';
import { EVERY_KIND_PROGRAMME, EVERY_KIND_PROVIDER, recordEveryKindOfCost } from '../support/every-kind-of-cost';
import { expectProblem, get } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

const missing = browserMissing();
if (missing) process.stdout.write(`Web page browser test: SKIPPED, because ${missing}.\n`);
const describeInBrowser = missing ? describe.skip : describe;

const PILOT = 'pilot-werkvoorheerlen-2024';
const WAIT_MS = 15_000;
const TEXT_PX_MIN = 14;
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

let api: Harness;
let baseUrl: string;

beforeAll(async () => {
  [api] = await Promise.all([startApi(), buildWebPage()]);
  await recordScenario(api, loadScenario('heerlen'));
  await recordBudgetWithLines(api);
  await reviewThePilotsFinding(api);
  await recordReportingYear(api);
  await recordEveryKindOfCost(api);
  baseUrl = await listen(api);
}, 120_000);
afterAll(() => api?.close());

/** A controller explains the pilot's payment without an invoice: the one finding of the case. */
async function reviewThePilotsFinding(harness: Harness): Promise<void> {
  const token = await harness.tokenFor('controller');
  const list = await harness.http().get(`/v1/findings?entity=programme-${PILOT}`).set('Authorization', `Bearer ${token}`).expect(200);
  const [finding] = list.body.findings as { id: string }[];
  await harness
    .http()
    .post(`/v1/findings/${encodeURIComponent(finding.id)}/reviews`)
    .set('Authorization', `Bearer ${token}`)
    .send({ state: 'explained', note: 'betaald op de overeenkomst, zonder aparte factuur', effectiveDate: '2024-07-01' })
    .expect(201);
}

/** A file the API makes, as bytes: what an export button must save. */
async function apiFile(path: string): Promise<Buffer> {
  const made = await api
    .http()
    .get(path)
    .set('Authorization', `Bearer ${api.token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(made.status).toBe(200);
  return made.body as Buffer;
}

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

describeInBrowser.each(VIEWPORTS)('the web page in Chromium at $width px ($name)', (viewport) => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Console errors and uncaught exceptions: a script or style the CSP blocked shows up here. */
  const pageErrors: string[] = [];
  const wide = viewport.width >= 1000;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
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
  // Ready for the address the page is at now: after a click the page before it is still ready
  // for a moment, until the browser tells the page its address changed.
  const shown = () => page.locator(`main[data-ready="true"][data-route=${JSON.stringify(new URL(page.url()).hash || '#/')}]`).waitFor();
  /** Goes to a page by its address, and checks it fits the window and meets the accessibility bar. */
  const visit = async (hash: string) => {
    await page.goto(`${baseUrl}/web/${hash}`);
    await shown();
    await expectFitsAndAccessible(hash);
  };
  const expectFitsAndAccessible = async (what: string) => {
    expect({ what, overflowPx: await horizontalOverflowPx(page) }).toEqual({ what, overflowPx: 0 });
    expect({ what, violations: await seriousViolations(page) }).toEqual({ what, violations: [] });
  };
  /** A table's body as rows of cell texts, as a person reads them (a no-break space read as a space). */
  const cells = async (testId: string) => {
    const rows = page.getByTestId(testId).locator('tbody tr');
    return Promise.all((await rows.all()).map(async (row) => (await row.locator('td').allInnerTexts()).map((text) => text.replace(/\u00A0/g, ' ').trim())));
  };
  const text = async (testId: string) => (await page.getByTestId(testId).innerText()).replace(/\u00A0/g, ' ');

  it('asks for a token, refuses an unknown one, and signs in with the admin token', async () => {
    await page.goto(`${baseUrl}/`);
    expect(await seriousViolations(page)).toEqual([]);
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
    await expectFitsAndAccessible('overview');
  });

  it('offers a skip link first, and keeps text at 14 px or more', async () => {
    await visit('#/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Naar de inhoud' });
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Naar de inhoud');
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    for (const hash of ['#/', `#/programmes/${PILOT}`, '#/journal']) {
      await visit(hash);
      expect((await smallestTextPx(page)).px).toBeGreaterThanOrEqual(TEXT_PX_MIN);
    }
  });

  it('shows the Heerlen pilot: € 150.000,00, who paid as a diagram on a wide screen and as tables everywhere', async () => {
    await visit(`#/programmes/${PILOT}`);
    expect(await text('committed')).toBe('Verplicht\n€ 150.000,00\nalles wat is toegekend of besteld, betaald of niet');
    expect(await text('realised')).toBe('Gerealiseerd\n€ 150.000,00\nbetaald');
    expect(await text('per-participant')).toContain('Kosten per deelnemer\n€ 5.357,14\nboven de normband\nnormband € 2.000,00 – € 2.400,00');
    expect(await text('per-participant')).toContain('bron: Raadsinformatiebrief 8 april 2024');
    expect(await cells('funding-flows')).toEqual([
      ['Arbeidsmarktregio Zuid-Limburg', 'Re-integratiemiddelen Arbeidsmarktregio Zuid-Limburg', '€ 100.000,00'],
      ['Re-integratiemiddelen Arbeidsmarktregio Zuid-Limburg', 'Pilot re-integratie Stichting WerkvoorHeerlen', '€ 100.000,00'],
      ['Gemeente Heerlen', 'Maatwerkbudget re-integratie (Gemeente Heerlen)', '€ 50.000,00'],
      ['Maatwerkbudget re-integratie (Gemeente Heerlen)', 'Pilot re-integratie Stichting WerkvoorHeerlen', '€ 50.000,00'],
    ]);
    expect(await cells('ultimate-funders')).toEqual([
      ['Arbeidsmarktregio Zuid-Limburg', '€ 100.000,00', '66,67%'],
      ['Gemeente Heerlen', '€ 50.000,00', '33,33%'],
    ]);
    const sankey = page.getByTestId('funding-sankey');
    if (wide) {
      // The diagram: the links ECharts was given, and that it drew them on its canvas.
      await sankey.locator('canvas').waitFor();
      const links = JSON.parse((await sankey.getAttribute('data-chart')) ?? '[]') as { amount: string }[];
      expect(links.map((l) => l.amount)).toEqual(['100000.00', '100000.00', '50000.00', '50000.00']);
      const canvas = await sankey.locator('canvas').boundingBox();
      expect(canvas!.width * canvas!.height).toBeGreaterThan(0);
    } else {
      // A phone gets the table in the diagram's place: its labels cannot be read at this width.
      expect(await sankey.isVisible()).toBe(false);
      expect(await page.getByTestId('funding-flows').isVisible()).toBe(true);
    }
  });

  it('answers the council in words a letter can take: footnoted sources, no € 0,00 still to pay, the month it ended', async () => {
    await visit(`#/programmes/${PILOT}`);
    const answer = await text('council-answer');
    expect(answer).toContain('is in juni 2024 beëindigd en wordt niet voortgezet.');
    expect(answer).toContain('De kosten bedragen € 150.000,00; dat bedrag is volledig betaald.');
    expect(answer).not.toContain('moet nog');
    expect(answer).not.toMatch(/\[\d/);
    // The euro sign and its amount are held together.
    expect(await page.getByTestId('council-answer').innerText()).toContain('€\u00A0150.000,00');
    const footnotes = await text('footnotes');
    expect(footnotes).toMatch(/Beantwoording art\. 33 vragen 8 juli 2024 \(juni 2024; journaalposities \d+, \d+\)/);
    expect(footnotes).toContain('Raadsinformatiebrief 8 april 2024: indicatieve norm voor een traject in de re-integratieketen');
    await page.getByTestId('copy-answer').click();
    await page.getByText('Gekopieerd').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe((await get(api, `/v1/programmes/${PILOT}/answer?lang=nl`)).body.text);
  });

  it('shows the findings about the programme on its page, each linked to its events', async () => {
    await visit(`#/programmes/${PILOT}`);
    const findings = page.getByTestId('entity-findings');
    expect(await findings.innerText()).toContain('Er is meer betaald dan gefactureerd');
    // Its review, as a controller recorded it: state, date, who, and the note.
    expect(await findings.innerText()).toMatch(/verklaard op 1 juli 2024 door controller-\d+: betaald op de overeenkomst, zonder aparte factuur/);
    const link = findings.getByRole('link').first();
    const position = Number(await link.innerText());
    await link.click();
    await page.locator(`tr#event-${position}.highlight`).waitFor();
    await expectFitsAndAccessible('journal at a finding');
  });

  it('asks for the business date (Stand per) and knowledge time (Zoals bekend op) apart, both in the address', async () => {
    await visit(`#/programmes/${PILOT}`);
    await page.getByLabel('Stand per').fill('2024-02-15');
    await page.getByTestId('on-banner').waitFor();
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/#/programmes/${PILOT}?on=2024-02-15`);
    // On 15 February 2024 only the grant's advance had been paid, and nobody had yet taken part.
    expect(await text('realised')).toContain('€ 100.000,00');
    await expectFitsAndAccessible('programme on a date');

    await page.getByLabel('Zoals bekend op').fill('2024-01-01');
    await page.getByTestId('not-known').waitFor();
    expect(page.url()).toBe(`${baseUrl}/web/#/programmes/${PILOT}?on=2024-02-15&asOf=2024-01-01`);
    expect(await page.getByTestId('not-known').innerText()).toContain(`Programma ‘${PILOT}’ is niet bekend per 1 januari 2024`);
    expect(await page.getByTestId('as-of-banner').innerText()).toContain('Zoals bekend per 1 januari 2024');
    await expectFitsAndAccessible('programme not known then');

    // The address alone reproduces the view: the overview of then is empty.
    await visit('#/?asOf=2024-01-01');
    expect(await page.getByText("Geen programma's bekend per 1 januari 2024.").count()).toBe(1);
    await page.getByRole('button', { name: 'Nu' }).click();
    await page.getByRole('link', { name: 'Pilot re-integratie Stichting WerkvoorHeerlen' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/web/#/`);
  });

  it('exports the figures of a page as CSV and Excel, the very files the API makes', async () => {
    await visit(`#/programmes/${PILOT}?on=2024-06-30`);
    for (const [label, format] of [['CSV (Excel)', 'csv'], ['Excel (.xlsx)', 'xlsx']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
      const saved = readFileSync((await download.path())!);
      const made = await apiFile(`/v1/exports/programme-cost?on=2024-06-30&id=${PILOT}&format=${format}`);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^geldstroom-programme-cost-${PILOT}-positie-\\d+\\.${format}$`));
      expect(saved.equals(made)).toBe(true);
    }
    const csv = readFileSync((await (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV (Excel)' }).click()]))[0].path())!, 'utf8');
    expect(csv).toContain('Stand per (ingangsdatum);2024-06-30');
  });

  it('prints a programme as a clean A4: no navigation or buttons; figures, who paid, the answer, the tree head in the footer', async () => {
    await visit(`#/programmes/${PILOT}`);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).toBe(false);
      expect(await page.getByLabel('Stand per').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'CSV (Excel)' }).isVisible()).toBe(false);
      expect(await page.getByTestId('funding-sankey').isVisible()).toBe(false);
      for (const shownInPrint of ['committed', 'ultimate-funders', 'funding-flows', 'council-answer', 'footnotes']) expect(await page.getByTestId(shownInPrint).isVisible()).toBe(true);
      const digest = (await get(api, '/v1/journal/digest')).body as { rootHash: string };
      const footer = page.getByTestId('cut-note');
      expect(await footer.innerText()).toContain(digest.rootHash);
      // On every printed page, at its foot.
      expect(await page.evaluate(`getComputedStyle(document.querySelector('[data-testid="cut-note"]')).position`)).toBe('fixed');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('shows a budget per allocation line with the taakveld named, the overrun marked', async () => {
    await visit(`#/budgets/${PARTICIPATION_BUDGET}`);
    expect(await text('current')).toBe('Huidige begroting\n€ 110.000,00');
    expect(await page.getByTestId('taakveld').innerText()).toBe('6.5 Arbeidsparticipatie');
    // Begroot, verplicht, obligo, gerealiseerd, beschikbaar: 12 trajectories at € 3.000,00 on a line of € 30.000,00.
    expect(await cells('execution-table')).toEqual([
      ['⚠ Trajecten ReHa overschrijding', '€ 30.000,00', '€ 36.000,00', '€ 18.000,00', '€ 18.000,00', '€ -6.000,00'],
      ['Vitaliteitstrajecten', '€ 40.000,00', '€ 15.000,00', '€ 7.500,00', '€ 7.500,00', '€ 25.000,00'],
      ['Hele begroting', '€ 110.000,00', '€ 51.000,00', '€ 25.500,00', '€ 25.500,00', '€ 59.000,00'],
    ]);
    const bars = JSON.parse((await page.getByTestId('execution-bars').getAttribute('data-chart')) ?? '[]') as { label: string; marked?: boolean }[];
    expect(bars.map((b) => [b.label, Boolean(b.marked)])).toEqual([
      ['Trajecten ReHa', true],
      ['Vitaliteitstrajecten', false],
      ['Hele begroting', false],
    ]);
  });

  it("shows a provider's spending per year, one fiscal year at a time when asked", async () => {
    await visit('#/providers/reha');
    // The scenario's 10 trajectories at € 3.000,00 and the participation budget's 12, of which € 18.000,00 paid.
    expect(await cells('purchases-2024')).toEqual([['2', '22', '€ 66.000,00', '€ 3.000,00', '€ 0,00', '€ 18.000,00']]);
    await page.getByLabel('Begrotingsjaar').selectOption('2024');
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/#/providers/reha?year=2024`);
    expect(await cells('purchases-2024')).toEqual([['2', '22', '€ 66.000,00', '€ 3.000,00', '€ 0,00', '€ 18.000,00']]);
    await expectFitsAndAccessible('provider in a year');
  });

  it("shows every kind of cost paid to a provider: the purchase, the grant and the expenses by kind, as the API answers and exports them", async () => {
    await visit(`#/providers/${EVERY_KIND_PROVIDER}?year=2024`);
    expect(await cells('purchases-2024')).toEqual([['1', '3', '€ 4.500,00', '€ 1.500,00', '€ 1.500,00', '€ 1.500,00']]);
    expect(await cells('grants-2024')).toEqual([['1', '€ 10.000,00', '€ 4.000,00', '€ 0,00']]);
    expect(await cells('expenses-2024')).toEqual([
      ['inhuur', '€ 5.200,00', '€ 0,00', '€ 5.200,00'],
      ['apparaatskosten', '€ 2.000,00', '€ 800,00', '€ 500,00'],
      ['loonkostensubsidie', '€ 3.000,00', '€ 0,00', '€ 1.000,00'],
      ['Totaal uitgaven', '€ 10.200,00', '€ 800,00', '€ 6.700,00'],
    ]);
    await expectExportsAsTheApi(`/v1/exports/provider-spend?year=2024&id=${EVERY_KIND_PROVIDER}`);
  });

  it("shows a programme's cost kind by kind, every kind named, adding up to its totals", async () => {
    await visit(`#/programmes/${EVERY_KIND_PROGRAMME}`);
    expect(await text('committed')).toContain('€ 27.200,00');
    expect(await cells('cost-kinds')).toEqual([
      ['subsidies', '1', '€ 10.000,00', '€ 6.000,00', '€ 4.000,00'],
      ['inkoop', '1', '€ 4.500,00', '€ 3.000,00', '€ 1.500,00'],
      ['personeelslasten', '1', '€ 2.500,00', '€ 0,00', '€ 2.500,00'],
      ['inhuur', '4', '€ 5.200,00', '€ 0,00', '€ 5.200,00'],
      ['apparaatskosten', '1', '€ 2.000,00', '€ 1.500,00', '€ 500,00'],
      ['loonkostensubsidie', '1', '€ 3.000,00', '€ 2.000,00', '€ 1.000,00'],
      ['bijdrage aan een verbonden partij', '0', '€ 0,00', '€ 0,00', '€ 0,00'],
      ['overig', '0', '€ 0,00', '€ 0,00', '€ 0,00'],
      ['Totaal', '', '€ 27.200,00', '€ 12.500,00', '€ 14.700,00'],
    ]);
    await expectExportsAsTheApi(`/v1/exports/programme-cost?id=${EVERY_KIND_PROGRAMME}`);
  });

  it('finds things by name from the search box, and shows who funds a joint arrangement in what shares', async () => {
    await visit('#/');
    await page.getByRole('searchbox', { name: /Zoeken/ }).fill('parkstad');
    await page.getByRole('searchbox', { name: /Zoeken/ }).press('Enter');
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/#/search?q=parkstad`);
    await expectFitsAndAccessible('search');
    await page.getByTestId('results-party').getByRole('link', { name: 'WSP Parkstad' }).click();
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/#/parties/wsp-parkstad`);
    expect(await cells('funding-2024')).toEqual([
      ['Gemeente Heerlen', '€ 870.000,00', '44,39%'],
      ['Gemeente Kerkrade', '€ 450.000,00', '22,96%'],
      ['Gemeente Landgraaf', '€ 370.000,00', '18,88%'],
      ['Gemeente Brunssum', '€ 270.000,00', '13,77%'],
    ]);
    await expectFitsAndAccessible('party');
    await visit('#/parties/gemeente-heerlen');
    expect(await page.getByTestId('spending-2024').innerText()).toMatch(/6\.\d+ \S+/);
  });

  it('shows the money between parties, as a diagram on a wide screen and as a table everywhere', async () => {
    await visit('#/flows?year=2024');
    const rows = await cells('flows-table');
    expect(rows).toContainEqual(['Gemeente Heerlen', 'Bijdrage WSP Parkstad (Gemeente Heerlen)', 'financiering', '€ 870.000,00']);
    expect(await page.getByTestId('flows-sankey').isVisible()).toBe(wide);
    if (wide) await page.getByTestId('flows-sankey').locator('canvas').waitFor();
  });

  /** Each export button saves the very file the API makes for the page's question. */
  const expectExportsAsTheApi = async (exportPath: string) => {
    for (const [label, format] of [['CSV (Excel)', 'csv'], ['Excel (.xlsx)', 'xlsx']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
      expect({ exportPath, format, same: readFileSync((await download.path())!).equals(await apiFile(`${exportPath}&format=${format}`)) }).toEqual({ exportPath, format, same: true });
    }
  };

  it("shows a party's own view: every kind of cost per taakveld, its contribution to WSP Parkstad, and what it moved between its own budgets", async () => {
    await visit('#/parties/gemeente-heerlen?year=2024');
    // The pilot, the ReHa and Balans trajectories, the participation budget's orders; the contribution moved to WSP Parkstad's budget.
    expect(await cells('spending-kinds-2024')).toEqual([
      ['subsidies', '€ 0,00', '€ 0,00', '€ 0,00'],
      ['inkoop', '€ 156.000,00', '€ 80.500,00', '€ 75.500,00'],
      ['personeelslasten', '€ 0,00', '€ 0,00', '€ 0,00'],
      ['inhuur', '€ 0,00', '€ 0,00', '€ 0,00'],
      ['apparaatskosten', '€ 0,00', '€ 0,00', '€ 0,00'],
      ['loonkostensubsidie', '€ 0,00', '€ 0,00', '€ 0,00'],
      ['bijdrage aan een verbonden partij', '€ 870.000,00', '€ 0,00', '€ 870.000,00'],
      ['overig', '€ 0,00', '€ 0,00', '€ 0,00'],
      ['Totaal lasten', '€ 1.026.000,00', '€ 80.500,00', '€ 945.500,00'],
    ]);
    expect(await cells('spending-2024')).toEqual([
      ['6.4 WSW en beschut werk', 'inkoop', '€ 105.000,00', '€ 55.000,00', '€ 50.000,00'],
      ['', 'bijdrage aan een verbonden partij', '€ 870.000,00', '€ 0,00', '€ 870.000,00'],
      ['', 'totaal 6.4', '€ 975.000,00', '€ 55.000,00', '€ 920.000,00'],
      ['6.5 Arbeidsparticipatie', 'inkoop', '€ 51.000,00', '€ 25.500,00', '€ 25.500,00'],
      ['', 'totaal 6.5', '€ 51.000,00', '€ 25.500,00', '€ 25.500,00'],
      ['Totaal lasten', '', '€ 1.026.000,00', '€ 80.500,00', '€ 945.500,00'],
    ]);
    expect(await cells('contributions-2024')).toEqual([['WSP Parkstad', 'Bijdrage WSP Parkstad', 'overheveling naar Werkgeversservicepunt Parkstad', '€ 870.000,00', '€ 870.000,00']]);
    expect(await text('between-own-2024')).toBe('Tussen eigen begrotingen overgeheveld (geen lasten): € 0,00');

    // Own staff, and a move to its own WSW budget that is no lasten (the 6.4 budget spent nothing).
    await visit(`#/parties/${REPORTING_PARTY}?year=2023`);
    expect(await cells('spending-2023')).toEqual([
      ['6.4 WSW en beschut werk', 'geen lasten', '€ 0,00', '€ 0,00', '€ 0,00'],
      ['6.5 Arbeidsparticipatie', 'subsidies', '€ 150.000,00', '€ 0,00', '€ 150.000,00'],
      ['', 'personeelslasten', '€ 30.000,00', '€ 0,00', '€ 30.000,00'],
      ['', 'totaal 6.5', '€ 180.000,00', '€ 0,00', '€ 180.000,00'],
      ['Totaal lasten', '', '€ 180.000,00', '€ 0,00', '€ 180.000,00'],
    ]);
    expect(await text('between-own-2023')).toBe('Tussen eigen begrotingen overgeheveld (geen lasten): € 60.000,00');
  });

  it('shows the Iv3 matrix of a party and year, reached from its page, reconciled with its own view, exported as the API makes it', async () => {
    await visit('#/parties/gemeente-heerlen');
    await page.getByTestId('party-nav').getByRole('link', { name: 'Iv3-matrix' }).click();
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/#/parties/gemeente-heerlen/iv3`);
    await expectFitsAndAccessible('Iv3 matrix');
    // No year in the address: the latest year Heerlen has budgets in, said in the choice.
    expect(await page.getByLabel('Begrotingsjaar').inputValue()).toBe('2024');
    expect(await text('iv3-lasten')).toBe('Lasten\n€ 945.500,00');
    expect(await text('iv3-saldo')).toContain('€ -945.500,00');
    expect(await text('iv3-reconciliation')).toBe('Sluit aan: de lasten in de matrix (€ 945.500,00) zijn gelijk aan de gerealiseerde besteding in het eigen overzicht (€ 945.500,00).');
    // Per taakveld: own staff, hired staff, goods and services, subsidies, contributions, other; lasten, baten, saldo.
    expect(await cells('iv3-matrix')).toEqual([
      ['6.4 WSW en beschut werk', '—', '—', '€ 50.000,00', '—', '€ 870.000,00', '—', '€ 920.000,00', '€ 0,00', '€ -920.000,00'],
      ['6.5 Arbeidsparticipatie', '—', '—', '€ 25.500,00', '—', '—', '—', '€ 25.500,00', '€ 0,00', '€ -25.500,00'],
      ['Totaal', '—', '—', '€ 75.500,00', '—', '€ 870.000,00', '—', '€ 945.500,00', '€ 0,00', '€ -945.500,00'],
    ]);
    expect(await cells('iv3-categories')).toContainEqual(['6.4 WSW en beschut werk', 'lasten', '4.3.3', 'Inkomensoverdrachten - gemeenschappelijke regelingen', 'bijdragen aan verbonden partijen', '€ 870.000,00']);
    expect(await cells('iv3-not-in-matrix')).toEqual([
      ['Eigen middelen in de begrotingen (geen baten)', '€ 1.140.000,00'],
      ['Tussen eigen begrotingen overgeheveld (geen lasten of baten)', '€ 0,00'],
      ['Specifieke uitkeringen: dit jaar ontvangen min besteed (vooruitontvangen, balans)', '€ 0,00'],
    ]);
    await expectExportsAsTheApi('/v1/exports/iv3-matrix?id=gemeente-heerlen&year=2024');

    // Another year, chosen on the page: Voerendaal's 2023, where the Rijk's SZW/G2 money is baten as
    // far as it was spent (120.000 of 200.000), and the rest is held, as the accountability says.
    await visit(`#/parties/${REPORTING_PARTY}/iv3?year=2023`);
    expect(await text('iv3-baten')).toContain('€ 120.000,00');
    expect(await text('iv3-reconciliation')).toContain('€ 180.000,00');
    expect(await cells('iv3-specific-grants')).toEqual([['Ministerie van SZW', 'SZW/G2', '€ 0,00', '€ 200.000,00', '€ 120.000,00', '€ 80.000,00']]);
  });

  it("accounts per outside funding: the Rijk's SZW/G2 money received, spent by who paid, unspent, the programme it paid for and the fout found", async () => {
    await visit(`#/parties/${REPORTING_PARTY}`);
    await page.getByTestId('party-nav').getByRole('link', { name: /Verantwoording per financiering/ }).click();
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/#/parties/${REPORTING_PARTY}/funding-accountability`);
    await expectFitsAndAccessible('funding accountability');
    const key = 'ministerie-szw-szw-g2';
    expect(await page.getByTestId(`statement-${key}`).getByRole('heading').innerText()).toBe('Ministerie van SZW — regeling SZW/G2');
    expect(await page.getByTestId(`statement-${key}`).innerText()).toContain('niet bevestigd');
    // Two thirds of every payment from the pool is the Rijk's: € 100.000,00 of the grant, € 20.000,00 of own staff.
    expect(await cells(`statement-years-${key}`)).toEqual([['2023', '€ 200.000,00', '€ 0,00', '€ 120.000,00', '€ 0,00', '€ 200.000,00', '€ 120.000,00', '€ 80.000,00', 'nee']]);
    expect(await cells(`statement-kinds-${key}`)).toEqual([
      ['subsidies', '€ 100.000,00'],
      ['personeelslasten', '€ 20.000,00'],
    ]);
    expect(await cells(`statement-programmes-${key}`)).toEqual([['Werkfit Voerendaal', '€ 100.000,00', '20', '5 naar werk']]);
    expect(await cells(`statement-findings-${key}`)).toEqual([['Er is meer betaald dan de subsidie die is verleend', '1 april 2023', 'voorwaardencriterium', 'fout', '€ 30.000,00', 'te corrigeren']]);
    await expectExportsAsTheApi(`/v1/exports/funding-accountability?id=${REPORTING_PARTY}`);

    // The Heerlen case: what the municipalities moved to WSP Parkstad, not yet spent.
    await visit('#/parties/wsp-parkstad/funding-accountability');
    expect(await cells('statement-years-gemeente-heerlen')).toEqual([['2024', '€ 870.000,00', '€ 870.000,00', '€ 0,00', '€ 0,00', '€ 870.000,00', '€ 0,00', '€ 870.000,00', 'nee']]);
  });

  it('keeps the rechtmatigheid register of a party and year: by criterion, fout or onzekerheid, reviewed, against the verantwoordingsgrens', async () => {
    await visit('#/parties/gemeente-heerlen/rechtmatigheid?year=2024');
    expect(await text('register-errors')).toBe('Fouten\n€ 0,00');
    expect(await text('register-uncertainties')).toBe('Onzekerheden\n€ 141.500,00');
    expect(await text('register-lasten')).toContain('€ 945.500,00');
    // 1% of € 945.500,00 is € 9.455,00; € 141.500,00 is 14,96% of the lasten.
    const warning = await text('early-warning');
    expect(warning).toContain('boven de verantwoordingsgrens:');
    expect(warning).toContain('de afwijkingen samen zijn € 141.500,00 (14,96% van de lasten); de grens is € 9.455,00 (1,00% van de lasten)');
    expect(await cells('register-by-criterion')).toEqual([
      ['begrotingscriterium', '€ 0,00', '€ 0,00', '0'],
      ['voorwaardencriterium', '€ 0,00', '€ 141.500,00', '4'],
      ['misbruik en oneigenlijk gebruik', '€ 0,00', '€ 0,00', '0'],
    ]);
    // The pilot's payment without an invoice, explained by a controller in this test's beforeAll.
    expect(await cells('register-by-review')).toEqual([
      ['verklaard', '1', '0', '€ 50.000,00'],
      ['nog niet beoordeeld', '3', '0', '€ 91.500,00'],
    ]);
    const entries = await cells('register-entries');
    expect(entries.map((e) => [e[0], e[2], e[3], e[4]])).toEqual([
      ['Er is meer betaald dan gefactureerd', 'voorwaardencriterium', 'onzekerheid', '€ 50.000,00'],
      ['Er is meer betaald dan gefactureerd', 'voorwaardencriterium', 'onzekerheid', '€ 7.500,00'],
      ['Er is meer betaald dan gefactureerd', 'voorwaardencriterium', 'onzekerheid', '€ 18.000,00'],
      ['Opgeknipte inkoop: samen boven een drempel die elk afzonderlijk niet haalt', 'voorwaardencriterium', 'onzekerheid', '€ 66.000,00'],
    ]);
    expect(entries[0][5]).toMatch(/^verklaard op 1 juli 2024 door controller-\d+: betaald op de overeenkomst, zonder aparte factuur$/);
    expect((await cells('register-signals')).map((e) => e[0])).toEqual(['Meer verplicht dan op de begrotingsregel staat']);
    await expectExportsAsTheApi('/v1/exports/rechtmatigheid?id=gemeente-heerlen&year=2024');

    // Printed: the register and its totals, not the navigation between reports or the comparison form.
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByTestId('party-nav').isVisible()).toBe(false);
      expect(await page.getByTestId('since-form').isVisible()).toBe(false);
      for (const shownInPrint of ['early-warning', 'register-by-criterion', 'register-entries', 'cut-note']) expect(await page.getByTestId(shownInPrint).isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }

    // Voerendaal's year: the grant paid beyond its amount is a fout, to be corrected.
    await visit(`#/parties/${REPORTING_PARTY}/rechtmatigheid?year=2023`);
    expect(await page.getByLabel('Begrotingsjaar').inputValue()).toBe('2023');
    expect(await text('register-errors')).toBe('Fouten\n€ 30.000,00');
    expect((await cells('register-entries'))[0][5]).toMatch(/^te corrigeren op 1 februari 2024 door controller-\d+: terugvorderen bij de vaststelling$/);
  });

  it('shows what changed since a journal position: the figures then and now, and the events between with position, date, type and hash', async () => {
    // The pilot as the ledger knew it just before its purchase from WerkvoorHeerlen was recorded.
    const trail = (await get(api, `/v1/audit/streams/purchase-heerlen-pilot-werkvoorheerlen-2024`)).body as { events: { position: number; type: string; hash: string }[] };
    const purchased = trail.events.find((e) => e.type === 'TrajectoriesPurchased')!;
    const then = purchased.position - 1;
    await visit(`#/programmes/${PILOT}`);
    await page.getByLabel('Sinds (datum of journaalpositie)').fill(String(then));
    await page.getByRole('button', { name: 'Vergelijk' }).click();
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/#/changes/programme-cost/${PILOT}?then=${then}`);
    await expectFitsAndAccessible('then and now');
    expect(await cells('then-now-figures')).toEqual([
      ['Verplicht', '€ 100.000,00', '€ 150.000,00', '€ 50.000,00'],
      ['Gerealiseerd', '€ 100.000,00', '€ 150.000,00', '€ 50.000,00'],
      ['Obligo', '€ 0,00', '€ 0,00', ''],
      ['Deelnemers', '0', '28', '28'],
      ['Kosten per deelnemer', '—', '€ 5.357,14', '€ 5.357,14'],
    ]);
    const answer = (await get(api, `/v1/changes/programme-cost/${PILOT}?then=${then}`)).body as { then: { journal: { rootHash: string } }; now: { journal: { rootHash: string } }; changes: unknown[] };
    expect(await text('then-head')).toContain(answer.then.journal.rootHash);
    expect(await text('now-head')).toContain(answer.now.journal.rootHash);
    expect(await page.getByTestId('changes').locator('tbody tr').count()).toBe(answer.changes.length);
    expect(await cells('changes')).toContainEqual(['Status', 'lopend', 'beëindigd', '—']);
    // A share is a percentage, not an amount: the regio paid it all then, two thirds now.
    expect(await cells('changes')).toContainEqual(['Wie betaalde › uiteindelijke financiers (partij arbeidsmarktregio-zuid-limburg) › aandeel', '100,00%', '66,67%', '-33,33%']);
    // The place in the answer as the API names it, for whoever needs it.
    expect(await page.getByTestId('changes').locator('span.figure', { hasText: 'uiteindelijke financiers (partij arbeidsmarktregio-zuid-limburg) › aandeel' }).getAttribute('title')).toBe(
      'whoPaid.ultimateFunders[partyId=arbeidsmarktregio-zuid-limburg].share',
    );
    const [first] = await cells('changed-by');
    expect(first.slice(0, 4)).toEqual([String(purchased.position), '15 januari 2024', 'Trajecten ingekocht', 'purchase-heerlen-pilot-werkvoorheerlen-2024']);
    expect(first[5]).toContain('verplicht € 50.000,00');
    expect(await page.getByTestId('changed-by').locator('tbody tr').first().locator('code[title]').getAttribute('title')).toBe(purchased.hash);
    await expectExportsAsTheApi(`/v1/exports/then-and-now?id=${PILOT}&report=programme-cost&then=${then}`);

    // Each event leads to the journal.
    await page.getByTestId('changed-by').getByRole('link', { name: String(purchased.position), exact: true }).click();
    await page.locator(`tr#event-${purchased.position}.highlight`).waitFor();
  });

  it("asks what changed since a date from a budget's and a party's page, and says so when the date is no date", async () => {
    await visit(`#/budgets/${PARTICIPATION_BUDGET}`);
    await page.getByLabel('Sinds (datum of journaalpositie)').fill('gisteren');
    await page.getByRole('button', { name: 'Vergelijk' }).click();
    await page.getByRole('alert').filter({ hasText: 'Geef een datum' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/web/#/budgets/${PARTICIPATION_BUDGET}`);
    await expectFitsAndAccessible('budget with a wrong date');

    // The ledger was recorded during this test: on 8 July 2024 it knew nothing of the party yet.
    await visit('#/parties/gemeente-heerlen?year=2024');
    await page.getByLabel('Sinds (datum of journaalpositie)').fill('8-7-2024');
    await page.getByRole('button', { name: 'Vergelijk' }).click();
    await shown();
    expect(page.url()).toBe(`${baseUrl}/web/#/changes/party-spending/gemeente-heerlen?year=2024&then=2024-07-08`);
    await expectFitsAndAccessible('party then and now');
    expect(await cells('then-now-figures')).toEqual([
      ['2024: verplicht', '—', '€ 1.026.000,00', '€ 1.026.000,00'],
      ['2024: obligo', '—', '€ 80.500,00', '€ 80.500,00'],
      ['2024: gerealiseerd', '—', '€ 945.500,00', '€ 945.500,00'],
    ]);
    expect(await page.getByTestId('changed-by').locator('tbody tr').count()).toBeGreaterThan(0);
  });

  it('shows the journal in Dutch with amounts and parties, filtered by the API, paged both ways', async () => {
    await visit('#/journal');
    const digest = (await get(api, '/v1/journal/digest')).body as { treeSize: number; rootHash: string };
    expect(await page.getByTestId('digest').innerText()).toContain(digest.rootHash);
    expect(await page.getByTestId('journal-events').locator('tbody tr').count()).toBe(25);
    await page.getByRole('link', { name: 'Volgende →' }).click();
    await shown();
    expect(await page.getByTestId('journal-events').locator('tbody tr').first().locator('td').first().innerText()).toBe('26');
    await page.getByRole('link', { name: '← Vorige' }).click();
    await shown();
    expect(await page.getByTestId('journal-events').locator('tbody tr').first().locator('td').first().innerText()).toBe('1');

    await page.getByLabel('Soort gebeurtenis').selectOption({ label: 'Inkoop betaald' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await shown();
    expect(page.url()).toContain('type=PurchasePaid');
    const paid = await cells('journal-events');
    expect(paid.length).toBeGreaterThan(0);
    for (const [, , event, amount, party] of paid) {
      expect(event).toBe('Inkoop betaald');
      expect(amount).toMatch(/^€ \d/);
      expect(party).not.toBe('');
    }
    await expectFitsAndAccessible('journal filtered');

    await page.goto(`${baseUrl}/web/#/journal`);
    await shown();
    const filters = page.getByTestId('journal-filters');
    await filters.getByLabel('Partij').selectOption({ label: 'ReHa' });
    await filters.getByLabel('Bedrag vanaf (€)').fill('20.000,00');
    await page.getByRole('button', { name: 'Filter' }).click();
    await shown();
    expect(page.url()).toContain('party=reha');
    expect(page.url()).toContain('amountMin=20000.00');
    const large = await cells('journal-events');
    expect(large.length).toBeGreaterThan(0);
    for (const row of large) {
      expect(row[4]).toBe('ReHa');
      expect(Number(row[3].replace(/[€\s.]/g, '').replace(',', '.'))).toBeGreaterThanOrEqual(20000);
    }
  });

  it('runs verify from the journal and shows the result', async () => {
    await visit('#/journal');
    const digest = (await get(api, '/v1/journal/digest')).body as { treeSize: number; rootHash: string };
    await page.getByRole('button', { name: 'Controleer nu' }).click();
    const result = page.getByTestId('verify-result');
    await result.filter({ hasText: 'Intact' }).waitFor();
    expect(await result.innerText()).toContain(`✓ Intact — ${digest.treeSize} gebeurtenissen gecontroleerd, boomgrootte ${digest.treeSize}`);
    expect(await result.innerText()).toContain(digest.rootHash);
    await expectFitsAndAccessible('journal after verify');
  });

  it('documents the API for a client to be generated from, on a page of its own', async () => {
    await page.goto(`${baseUrl}/docs`);
    await page.getByText('/v1/programmes/{id}/cost').first().waitFor();
    expect(await page.getByText('gs_', { exact: false }).count()).toBeGreaterThan(0);
  });

  it('ran without a script error or a blocked resource', () => {
    expect(pageErrors).toEqual([]);
  });
});
