// The reports a municipality files, for Gemeente Brunssum's participation money of 2023 (figures
// made up for the test, shaped like a real year): a BUIG-like specific grant from the Rijk under
// regulation SZW/G2 (600.000 earmarked for the Werkfit programme, 200.000 not), a contribution
// from the arbeidsmarktregio, own means; a contribution to WSP Parkstad, purchases, grants, hired
// staff, wage-cost subsidy, own staff and operating costs; a grant paid beyond its amount, two
// purchases split under the single-quote threshold, a budget overrun on a taakveld the 2023
// catalogue no longer lists. Every figure below is worked out by hand in the comments beside it.
import { startApi, type Harness } from '../support/api-harness';
import { expectProblem, get } from '../support/http';
import { MoneyFlows, type Recorded } from '../support/money-flows';
import { expectMatchesSchema } from '../support/openapi-schema';
import { RecordedFacts, type Written } from '../support/recorded-facts';
import { parseMoney } from '@geldstroom/ledger';

let api: Harness;
const BRUNSSUM = 'gemeente-brunssum';
const RIJK_KEY = { funderPartyId: 'rijk', regulationCode: 'SZW/G2' };
let overpayment: Recorded;
let afterOverrun: Written;

beforeAll(async () => {
  api = await startApi();
  const flows = new MoneyFlows(api);
  const facts = new RecordedFacts(api);
  for (const [id, name, kind] of [
    [BRUNSSUM, 'Gemeente Brunssum', 'municipality'], ['rijk', 'Ministerie van SZW', 'central-government'], ['wsp-parkstad', 'WSP Parkstad', 'joint-arrangement'],
    ['arbeidsmarktregio', 'Arbeidsmarktregio Zuid-Limburg', 'region'], ['stichting-werkplaats', 'Stichting Werkplaats', 'foundation'], ['reha', 'ReHa', 'company'],
    ['inhuur-bv', 'Inhuur BV', 'company'], ['werkgever-bv', 'Werkgever BV', 'company'],
  ]) await flows.party(id, name, kind);
  await flows.programme('werkfit-2023', BRUNSSUM, 'Werkfit', '2023-01-01');
  await flows.budget('participatie-2023', BRUNSSUM, 2023, '6.5');
  await flows.budget('wsw-2023', BRUNSSUM, 2023, '6.4');
  // 6.71 was split into 6.71a-d from 2023: unknown in that year's catalogue.
  await flows.budget('onbekend-2023', BRUNSSUM, 2023, '6.71');
  await flows.budget('wsp-parkstad-2023', 'wsp-parkstad', 2023, '6.4');

  // Participatie: own 400.000 and SZW/G2 200.000 in general (2:1), SZW/G2 600.000 earmarked for Werkfit.
  await flows.fund('participatie-2023', 'eigen-middelen', '400000.00', '2023-01-02');
  await flows.fund('participatie-2023', 'buig-werkfit', '600000.00', '2023-01-02', 'rijk', { regulationCode: 'SZW/G2', earmarkProgrammeId: 'werkfit-2023' });
  await flows.fund('participatie-2023', 'buig-algemeen', '200000.00', '2023-01-02', 'rijk', { regulationCode: 'SZW/G2' });
  await flows.fund('wsw-2023', 'eigen-middelen', '300000.00', '2023-01-02');
  await flows.fund('wsw-2023', 'regio', '40000.00', '2023-01-05', 'arbeidsmarktregio');
  await flows.fund('onbekend-2023', 'eigen-middelen', '10000.00', '2023-01-02');

  // 02-01 to WSP 150.000 from general: own 100.000, SZW/G2 50.000 (general left 300.000 / 150.000).
  await flows.transfer('participatie-2023', 'bijdrage-wsp-2023', 'wsp-parkstad-2023', '150000.00', '2023-02-01');
  // 03-01 and 04-01 Werkfit from its earmark: SZW/G2 250.000 and 300.000 (earmark left 50.000).
  await flows.purchase('werkfit-trajecten', 'participatie-2023', 'reha', 100, '2500.00', '2023-03-01', undefined, { programmeId: 'werkfit-2023' });
  await flows.invoicePurchase('werkfit-trajecten', 'factuur-1', '250000.00', '2023-03-01');
  await flows.payPurchase('werkfit-trajecten', 'betaling-1', '250000.00', '2023-03-01');
  await flows.grant('werkfit-subsidie', 'participatie-2023', 'stichting-werkplaats', '300000.00', '2023-04-01', undefined, { programmeId: 'werkfit-2023' });
  await flows.payGrant('werkfit-subsidie', 'voorschot-1', '300000.00', '2023-04-01');
  // 05-01 operating costs on 6.71: 12.000 on a budget of 10.000, an overrun of 2.000.
  afterOverrun = await facts.book('drukwerk-2023', 'drukwerk', { kind: 'operating', budgetId: 'onbekend-2023', payeePartyId: 'reha' }, '12000.00', '2023-05-01');
  // 06-01 hired staff for Werkfit 80.000: the earmark's last 50.000, then general 30.000 as own 20.000, SZW/G2 10.000.
  const hired = { kind: 'hired-staff' as const, budgetId: 'participatie-2023', payeePartyId: 'inhuur-bv', programmeId: 'werkfit-2023' };
  await facts.commit('inhuur-werkfit', hired, '80000.00', '2023-05-15');
  await facts.pay('inhuur-werkfit', 'factuur-1', hired, '80000.00', '2023-06-01');
  // 09-01 wage-cost subsidy 60.000 from general: own 40.000, SZW/G2 20.000 (left 240.000 / 120.000).
  const wage = { kind: 'wage-cost-subsidy' as const, budgetId: 'participatie-2023', payeePartyId: 'werkgever-bv' };
  await facts.commit('lks-werkgever-2023', wage, '60000.00', '2023-09-01');
  await facts.pay('lks-werkgever-2023', 'lks-1', wage, '60000.00', '2023-09-01');
  // 10-01 to its own WSW budget 60.000: own 40.000, SZW/G2 20.000 (not lasten).
  await flows.transfer('participatie-2023', 'naar-wsw-2023', 'wsw-2023', '60000.00', '2023-10-01');
  // Two orders from ReHa outside any contract, each under 50.000, together 55.000.
  await flows.purchase('reha-open', 'participatie-2023', 'reha', 10, '2500.00', '2023-11-01');
  await flows.purchase('reha-klein', 'participatie-2023', 'reha', 12, '2500.00', '2023-11-20');

  // WSW pool: own 340.000, regio 40.000, SZW/G2 20.000. 11-15 grant 180.000 (45%): 153.000 / 18.000 / 9.000.
  await flows.grant('beschut-2023', 'wsw-2023', 'stichting-werkplaats', '180000.00', '2023-11-15');
  await flows.payGrant('beschut-2023', 'voorschot-1', '180000.00', '2023-11-15');
  // 12-01 paid 20.000 beyond the grant (1/11 of 187.000 / 22.000 / 11.000): 17.000 / 2.000 / 1.000.
  overpayment = await flows.payGrant('beschut-2023', 'voorschot-2', '20000.00', '2023-12-01');
  // 12-31 own staff 44.000 (22% of 170.000 / 20.000 / 10.000): 37.400 / 4.400 / 2.200.
  await facts.book('personeel-wsw-2023', 'salarissen', { kind: 'personnel', budgetId: 'wsw-2023', payeePartyId: BRUNSSUM }, '44000.00', '2023-12-31');

  await flows.enrol('werkfit-2023', 'deelnemers', 40, '2023-06-01');
  await flows.outcomes('werkfit-2023', 'uitstroom-werk', 'work', 12, '2023-12-01');
  await facts.review(`paid-above-granted:${overpayment.eventIds[0]}`, 'review-overbetaling', 'to-be-corrected', 'Terugvorderen', '2024-02-01');
  await facts.review('split-purchase:reha:gemeente-brunssum:2023', 'review-split', 'explained', 'Twee afzonderlijke behoeften', '2024-02-01');
}, 60_000);
afterAll(() => api.close());

async function ok(path: string): Promise<Record<string, any>> {
  const response = await get(api, path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
  return response.body;
}

/** Realised lasten of Brunssum in 2023, kind by kind (the own view's figures). */
const LASTEN_2023 = {
  contribution: '150000.00', // to WSP Parkstad
  purchase: '250000.00', // Werkfit trajectories (the two open orders are committed only)
  grant: '500000.00', // Werkfit 300.000, beschut 200.000
  'hired-staff': '80000.00',
  'wage-cost-subsidy': '60000.00',
  personnel: '44000.00',
  operating: '12000.00',
  other: '0.00',
};

describe('the own view and the Iv3 matrix of Brunssum 2023', () => {
  it("gives its lasten by kind: € 1.096.000,00 paid, the contribution to WSP included, the move to its own WSW budget not", async () => {
    const [year] = (await ok(`/v1/parties/${BRUNSSUM}/spending?year=2023`)).years;
    expect(year).toMatchObject({ realised: '1096000.00', committed: '1151000.00', obligo: '55000.00', betweenOwnBudgets: '60000.00' });
    expect(Object.fromEntries(Object.entries(year.byKind).map(([kind, f]) => [kind, (f as { realised: string }).realised]))).toEqual(LASTEN_2023);
  });

  it('splits lasten and baten per taakveld and economic category, naming the taakvelden as the 2023 catalogue does', async () => {
    const matrix = await ok(`/v1/parties/${BRUNSSUM}/iv3?year=2023`);
    await expectMatchesSchema(api, matrix, '/v1/parties/{id}/iv3');
    expect(matrix).toMatchObject({ partyId: BRUNSSUM, year: 2023, view: 'own', measure: 'realised', catalogue: { id: 'iv3-2023' } });
    const cells = (row: { lastenByCategory: { code: string; group: string; amount: string }[] }) => row.lastenByCategory.map((c) => [c.code, c.group, c.amount]);
    const [wsw, participatie, onbekend] = matrix.rows;
    // The regio's money is a bijdrage of another government, baten as received. SZW/G2 is a specific
    // grant: baten as it is spent, where it is spent: on WSW the 12.200 of it that came with the move
    // from participatie and was spent there (9.000 + 1.000 + 2.200); the move itself is Brunssum's own.
    expect(wsw).toMatchObject({ taakveld: '6.4', name: 'WSW en beschut werk', known: true, lasten: '244000.00', baten: '52200.00', saldo: '-191800.00' });
    expect(cells(wsw)).toEqual([['1.1', 'own-staff', '44000.00'], ['4.3.8', 'subsidies-and-grants', '200000.00']]);
    expect(wsw.batenByCategory.map((c: { code: string; amount: string }) => [c.code, c.amount])).toEqual([['4.3.1', '12200.00'], ['4.3.6', '40000.00']]);
    // Of the 800.000 received on participatie, 680.000 spent there: WSP 50.000, Werkfit 250.000 +
    // 300.000 + 60.000, wage-cost subsidy 20.000 (the 20.000 moved to WSW is not spent by the move).
    expect(participatie).toMatchObject({ taakveld: '6.5', name: 'Arbeidsparticipatie', lasten: '840000.00', baten: '680000.00', saldo: '-160000.00' });
    expect(cells(participatie)).toEqual([
      ['3.5.1', 'hired-staff', '80000.00'],
      ['3.8', 'purchases', '250000.00'],
      ['4.2', 'subsidies-and-grants', '60000.00'],
      ['4.3.3', 'contributions', '150000.00'],
      ['4.3.8', 'subsidies-and-grants', '300000.00'],
    ]);
    expect(participatie.batenByCategory.map((c: { code: string; amount: string }) => [c.code, c.amount])).toEqual([['4.3.1', '680000.00']]);
    // Not a silent bucket: shown under its own code, unnamed, with its finding.
    expect(onbekend).toMatchObject({ taakveld: '6.71', name: null, known: false, lasten: '12000.00' });
    expect(matrix.unknownTaakvelden).toEqual([{ budgetId: 'onbekend-2023', taakveld: '6.71', findingId: 'taakveld-unknown:onbekend-2023' }]);
    expect(matrix.totals).toMatchObject({ lasten: '1096000.00', baten: '732200.00', saldo: '-363800.00' });
    expect(matrix.totals.lastenByGroup).toEqual([
      { group: 'own-staff', amount: '44000.00' },
      { group: 'hired-staff', amount: '80000.00' },
      { group: 'purchases', amount: '262000.00' },
      { group: 'subsidies-and-grants', amount: '560000.00' },
      { group: 'contributions', amount: '150000.00' },
      { group: 'other', amount: '0.00' },
    ]);
    // The 107.800 of SZW/G2 not spent is held for the Rijk: the accountability statement's unspent below.
    expect(matrix.notInMatrix).toEqual({ ownMeans: '710000.00', betweenOwnBudgets: '60000.00', specificGrantsHeld: '107800.00' });
    expect(matrix.specificGrants).toEqual([
      { ...RIJK_KEY, funderName: 'Ministerie van SZW', balanceAtStart: '0.00', received: '800000.00', recognised: '692200.00', balanceAtEnd: '107800.00' },
    ]);
  });

  it("reconciles: the matrix's lasten equal the own view's spending, in total and kind by kind", async () => {
    const matrix = await ok(`/v1/parties/${BRUNSSUM}/iv3?year=2023`);
    const [year] = (await ok(`/v1/parties/${BRUNSSUM}/spending?year=2023`)).years;
    expect(matrix.totals.lasten).toBe(year.realised);
    expect(matrix.reconciliation).toMatchObject({ ownViewRealised: '1096000.00', matrixLasten: '1096000.00', difference: '0.00', reconciles: true });
    for (const { kind, ownView, matrix: inMatrix } of matrix.reconciliation.byKind) {
      expect([kind, inMatrix]).toEqual([kind, ownView]);
      expect([kind, ownView]).toEqual([kind, year.byKind[kind].realised]);
    }
  });

  it('records the unknown taakveld as a finding, and refuses an Iv3 question without a year', async () => {
    const found = (await ok('/v1/findings?kind=taakveld-unknown')).findings;
    expect(found).toEqual([expect.objectContaining({ id: 'taakveld-unknown:onbekend-2023', detail: expect.objectContaining({ taakveld: '6.71', fiscalYear: 2023, catalogueId: 'iv3-2023' }) })]);
    expectProblem(await get(api, `/v1/parties/${BRUNSSUM}/iv3`), 400, 'validation');
    expectProblem(await get(api, '/v1/parties/niemand/iv3?year=2023'), 404, 'not-found');
  });
});

describe('accountability per outside funding (SiSa-style)', () => {
  it('accounts for SZW/G2: received 800.000, spent 692.200 by who paid, 107.800 unspent, Werkfit and its participants', async () => {
    const answer = await ok(`/v1/parties/${BRUNSSUM}/funding-accountability?year=2023`);
    await expectMatchesSchema(api, answer, '/v1/parties/{id}/funding-accountability');
    expect(answer.statements.map((s: { funderPartyId: string; regulationCode: string | null }) => [s.funderPartyId, s.regulationCode])).toEqual([
      ['arbeidsmarktregio', null],
      ['rijk', 'SZW/G2'],
    ]);
    const buig = answer.statements[1];
    expect(buig).toMatchObject({ ...RIJK_KEY, funderName: 'Ministerie van SZW', budgets: ['participatie-2023'], received: '800000.00', spent: '692200.00', unspent: '107800.00' });
    expect(buig.regulation).toMatchObject({ id: 'szw-buig', code: 'SZW/G2', codeConfirmed: false });
    expect(buig.years).toEqual([
      {
        year: 2023, received: '800000.00', receivedAsFunding: '800000.00', receivedByTransfer: '0.00', spent: '692200.00', passedOn: '50000.00',
        cumulativeReceived: '800000.00', cumulativeSpent: '692200.00', unspent: '107800.00', deelwaarneming: false, findings: 2,
      },
    ]);
    expect(buig.spentByKind).toEqual([
      { kind: 'grant', amount: '310000.00' },
      { kind: 'hired-staff', amount: '60000.00' },
      { kind: 'personnel', amount: '2200.00' },
      { kind: 'purchase', amount: '250000.00' },
      { kind: 'wage-cost-subsidy', amount: '20000.00' },
    ]);
    expect(buig.passedOnTo).toEqual([{ partyId: 'wsp-parkstad', name: 'WSP Parkstad', toBudgetId: 'wsp-parkstad-2023', amount: '50000.00' }]);
    expect(buig.programmes).toEqual([{ programmeId: 'werkfit-2023', name: 'Werkfit', spent: '610000.00', participants: 40, outcomes: { work: 12 } }]);
  });

  it('lists the findings touching the spending as fouten and onzekerheden, with their review state', async () => {
    const buig = (await ok(`/v1/parties/${BRUNSSUM}/funding-accountability`)).statements[1];
    expect(buig.findings).toEqual([
      expect.objectContaining({ findingId: 'split-purchase:reha:gemeente-brunssum:2023', criterion: 'voorwaardencriterium', class: 'onzekerheid', amount: '55000.00', reviewState: 'explained' }),
      expect.objectContaining({ findingId: `paid-above-granted:${overpayment.eventIds[0]}`, criterion: 'voorwaardencriterium', class: 'fout', amount: '20000.00', reviewState: 'to-be-corrected' }),
    ]);
    // The overrun is on a budget the Rijk's money never reached.
    expect(buig.findings.map((f: { kind: string }) => f.kind)).not.toContain('budget-overrun');
  });

  it("reconciles: what the statement says was spent is who paid's share of the Rijk in every answer that traces it", async () => {
    const buig = (await ok(`/v1/parties/${BRUNSSUM}/funding-accountability?year=2023`)).statements[1];
    const funderShare = (funders: { partyId: string; amount: string }[]) => funders.find((f) => f.partyId === 'rijk')?.amount ?? '0.00';
    // Werkfit's cost, consolidated: the Rijk paid 250.000 + 300.000 + 50.000 + 10.000.
    const werkfit = await ok('/v1/programmes/werkfit-2023/cost');
    expect(funderShare(werkfit.whoPaid.ultimateFunders)).toBe(buig.programmes[0].spent);
    // Every party paid from Brunssum's budgets, and WSP's budget, by who paid: the Rijk's shares add up to the statement,
    // with its own staff, which Brunssum paid itself (received by no one: party funding counts no payment to oneself).
    const cents = (amount: string) => (parseMoney(amount) as { cents: number }).cents;
    let sumCents = 0;
    for (const payee of ['reha', 'stichting-werkplaats', 'inhuur-bv', 'werkgever-bv']) {
      sumCents += cents(funderShare((await ok(`/v1/parties/${payee}/funding?year=2023`)).years[0].received.funders));
    }
    expect((await ok(`/v1/parties/${BRUNSSUM}/funding?year=2023`)).years[0].received.total).toBe('0.00');
    sumCents += cents(buig.spentByKind.find((k: { kind: string }) => k.kind === 'personnel').amount);
    sumCents += cents(funderShare((await ok('/v1/parties/wsp-parkstad/funding?year=2023')).years[0].intoBudgets.funders));
    expect(sumCents).toBe(cents(buig.spent));
    expect(buig.spent).toBe('692200.00');
  });

  it("accounts for the regio's money without a code by funder, and keeps Brunssum's SZW/G2 out of WSP's statements", async () => {
    const regio = (await ok(`/v1/parties/${BRUNSSUM}/funding-accountability`)).statements[0];
    // Grant 18.000 + 2.000 and salaries 4.400 of the 40.000.
    expect(regio).toMatchObject({ funderPartyId: 'arbeidsmarktregio', regulationCode: null, regulation: null, received: '40000.00', spent: '24400.00', unspent: '15600.00' });
    const wsp = await ok('/v1/parties/wsp-parkstad/funding-accountability');
    expect(wsp.statements.map((s: { funderPartyId: string; received: string }) => [s.funderPartyId, s.received])).toEqual([[BRUNSSUM, '100000.00']]);
  });

  it('reproduces a statement as of an earlier position, before the overpayment', async () => {
    const position = overpayment.position - 1;
    const before = (await ok(`/v1/parties/${BRUNSSUM}/funding-accountability?asOf=${position}`)).statements[1];
    // Without the 1.000 of the overpayment and the 2.200 of the salaries, booked after it.
    expect(before).toMatchObject({ spent: '689000.00', unspent: '111000.00' });
    expect(before.findings.map((f: { kind: string }) => f.kind)).toEqual(['split-purchase']);
  });
});

describe('the rechtmatigheid register', () => {
  it('classes every finding of Brunssum in 2023 and sets the totals against the verantwoordingsgrens of 1% of the lasten', async () => {
    const register = await ok(`/v1/parties/${BRUNSSUM}/rechtmatigheid?year=2023`);
    await expectMatchesSchema(api, register, '/v1/parties/{id}/rechtmatigheid');
    expect(register.entries.map((e: Record<string, unknown>) => [e.kind, e.criterion, e.class, e.amount, e.reviewState])).toEqual([
      ['budget-overrun', 'begrotingscriterium', 'fout', '2000.00', 'not-reviewed'],
      ['split-purchase', 'voorwaardencriterium', 'onzekerheid', '55000.00', 'explained'],
      ['paid-above-granted', 'voorwaardencriterium', 'fout', '20000.00', 'to-be-corrected'],
    ]);
    expect(register.signals.map((e: { kind: string }) => e.kind)).toEqual(['taakveld-unknown']);
    expect(register).toMatchObject({
      lasten: '1096000.00',
      verantwoordingsgrens: '10960.00',
      thresholds: { law: { id: 'bado-2023' }, council: { kind: 'council-example', verantwoordingsgrensPercent: '1.00', rapportagegrens: '100000.00' } },
      // 77.000 of fouten and onzekerheden is 7,02% of the lasten: far over the grens of 10.960.
      earlyWarning: { level: 'over', warningFrom: '8220.00', headroom: '-66040.00', usedPercent: '7.02' },
      withinGoedkeuringstolerantie: false,
    });
    expect(register.totals).toMatchObject({ errors: '22000.00', uncertainties: '55000.00', total: '77000.00' });
    expect(register.totals.byCriterion).toEqual([
      { criterion: 'begrotingscriterium', errors: '2000.00', uncertainties: '0.00', count: 1 },
      { criterion: 'voorwaardencriterium', errors: '20000.00', uncertainties: '55000.00', count: 2 },
      { criterion: 'misbruik-en-oneigenlijk-gebruik', errors: '0.00', uncertainties: '0.00', count: 0 },
    ]);
    expect(register.totals.byReviewState).toEqual([
      { state: 'explained', count: 1, stale: 0, amount: '55000.00' },
      { state: 'not-reviewed', count: 1, stale: 0, amount: '2000.00' },
      { state: 'to-be-corrected', count: 1, stale: 0, amount: '20000.00' },
    ]);
    expect(register.entries[2].review).toMatchObject({ state: 'to-be-corrected', note: 'Terugvorderen', on: '2024-02-01', actor: 'recorder-test' });
  });

  it('shows the warning clear as of a position when only the overrun was known', async () => {
    // Lasten then 150.000 + 250.000 + 300.000 + 12.000: a grens of 7.120, warning from 5.340.
    const early = await ok(`/v1/parties/${BRUNSSUM}/rechtmatigheid?year=2023&asOf=${afterOverrun.position}`);
    expect(early).toMatchObject({ lasten: '712000.00', verantwoordingsgrens: '7120.00' });
    expect(early.entries.map((e: { kind: string }) => e.kind)).toEqual(['budget-overrun']);
    expect(early.earlyWarning).toMatchObject({ level: 'clear', warningFrom: '5340.00', headroom: '5120.00' });
  });

  it("takes the omvangsbasis a controller gives (all of the municipality's lasten) for the tolerance, the grens and the warning, and says so", async () => {
    const own = await ok(`/v1/parties/${BRUNSSUM}/rechtmatigheid?year=2023`);
    expect(own).toMatchObject({ omvangsbasis: { amount: '1096000.00', from: 'ledger-lasten' }, goedkeuringstolerantie: { mode: 'separate', errors: '10960.00', uncertainties: '32880.00', combined: null } });
    const given = await ok(`/v1/parties/${BRUNSSUM}/rechtmatigheid?year=2023&omvangsbasis=123456789.00`);
    await expectMatchesSchema(api, given, '/v1/parties/{id}/rechtmatigheid');
    // 77.000 of fouten and onzekerheden against 1% of 123.456.789,00: clear, and within the Bado's 1% and 3%.
    expect(given).toMatchObject({
      lasten: '1096000.00',
      omvangsbasis: { amount: '123456789.00', from: 'given' },
      goedkeuringstolerantie: { mode: 'separate', errors: '1234567.89', uncertainties: '3703703.67', combined: null },
      verantwoordingsgrens: '1234567.89',
      earlyWarning: { level: 'clear', usedPercent: '0.06' },
      withinGoedkeuringstolerantie: true,
    });
    expect(given.totals).toEqual(own.totals);
    for (const bad of ['12.5', '-1.00', 'veel', '1e9']) {
      expectProblem(await get(api, `/v1/parties/${BRUNSSUM}/rechtmatigheid?year=2023&omvangsbasis=${bad}`), 400, 'invalid-amount');
    }
  });

  it('lists only the findings the party is accountable for, and refuses a register without a year', async () => {
    const wsp = await ok('/v1/parties/wsp-parkstad/rechtmatigheid?year=2023');
    expect([...wsp.entries, ...wsp.signals]).toEqual([]);
    expectProblem(await get(api, `/v1/parties/${BRUNSSUM}/rechtmatigheid`), 400, 'validation');
  });
});
