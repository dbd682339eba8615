// The Heerlen pilot answered from the ledger over HTTP, with the exact figures of the letter of
// 8 July 2024, and reproduced as of a date after a later correction; and a programme charged with
// every kind of cost, whose kinds add up to its totals.
import { parseMoney } from '@geldstroom/ledger';
import { startApi, type Harness } from '../support/api-harness';
import { EVERY_KIND_PROGRAMME, recordEveryKindOfCost } from '../support/every-kind-of-cost';
import { MoneyFlows } from '../support/money-flows';
import { expectCreated, expectProblem, get, post, expectReproduced } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  await recordEveryKindOfCost(api);
}, 60_000);
afterAll(() => api.close());

const PILOT = 'pilot-werkvoorheerlen-2024';

describe('GET /v1/programmes/{id}/answer', () => {
  it('answers the council in Dutch, every sentence footnoted with the documents and events it rests on', async () => {
    const response = await get(api, `/v1/programmes/${PILOT}/answer?lang=nl`);
    expect(response.status).toBe(200);
    const { text, sentences, footnotes, references } = response.body;
    const nbsp = '\u00A0';
    // "Medio juni 2024" was recorded with the precision of a month: no exact day is claimed.
    expect(text).toContain('is in juni 2024 beëindigd en wordt niet voortgezet');
    expect(text).toContain('In totaal hebben 28 mensen deelgenomen');
    expect(text).toContain(`De kosten bedragen €${nbsp}150.000,00; dat bedrag is volledig betaald.`);
    expect(text).not.toContain('moet nog');
    expect(text).toContain(`gefinancierd door Arbeidsmarktregio Zuid-Limburg €${nbsp}100.000,00 en Gemeente Heerlen €${nbsp}50.000,00`);
    expect(text).toContain(`De kosten per deelnemer bedragen €${nbsp}5.357,14; dat ligt boven de normband van €${nbsp}2.000,00 – €${nbsp}2.400,00`);
    // No outcomes were recorded for the pilot: the answer says nothing about them.
    expect(text).not.toContain('uitgestroomd');
    for (const sentence of sentences) {
      expect(sentence.footnotes.length).toBeGreaterThan(0);
      for (const position of sentence.references) expect(references[String(position)]).toMatchObject({ position });
      // Every event behind the sentence is in one of its footnotes.
      const covered = sentence.footnotes.flatMap((n: number) => footnotes[n - 1].positions);
      for (const position of sentence.references) expect(covered).toContain(position);
    }
    // Footnotes name the document and the date, and the text lists them under "Bronnen".
    const end = footnotes.find((f: { sourceReference: string }) => f.sourceReference === 'Beantwoording art. 33 vragen 8 juli 2024');
    expect(end.text).toMatch(/^Beantwoording art\. 33 vragen 8 juli 2024 \(juni 2024; journaalposities \d+, \d+\)$/);
    expect(text).toContain(`\n\nBronnen:\n`);
    expect(text).toContain(end.text);
    expect(footnotes.map((f: { sourceReference: string }) => f.sourceReference)).toContain('Raadsinformatiebrief 8 april 2024: indicatieve norm voor een traject in de re-integratieketen');
    const participants = sentences.find((s: { text: string }) => s.text.includes('28 mensen'));
    expect(participants.references.map((p: number) => references[String(p)].type)).toEqual(['ParticipantsEnrolled']);
  });

  it('answers in English with lang=en', async () => {
    const { text } = (await get(api, `/v1/programmes/${PILOT}/answer?lang=en`)).body;
    expect(text).toContain('ended in June 2024 and is not continued');
    expect(text).toContain('It cost €150,000.00, all of which has been paid.');
    expect(text).toContain('The cost per participant is €5,357.14, above the norm band of €2,000.00 – €2,400.00');
    expect(text).toContain('\n\nSources:\n');
  });

  it('refuses an unknown language', async () => {
    expectProblem(await get(api, `/v1/programmes/${PILOT}/answer?lang=de`), 400, 'validation');
  });
});

describe('GET /v1/programmes/{id}/cost', () => {
  it('answers what the pilot cost, who paid, participants and cost per participant against the norm', async () => {
    const response = await get(api, `/v1/programmes/${PILOT}/cost`);
    expect(response.status).toBe(200);
    const cost = response.body;
    expect(cost).toMatchObject({
      programmeId: PILOT,
      committed: '150000.00',
      realised: '150000.00',
      obligo: '0.00',
      participants: 28,
      costPerParticipant: '5357.14',
      normBand: { min: '2000.00', max: '2400.00', source: 'Raadsinformatiebrief 8 april 2024: indicatieve norm voor een traject in de re-integratieketen' },
      againstNorm: 'above',
      status: 'ended',
      endedOn: '2024-06-15',
      endedOnPrecision: 'month',
      continued: false,
      byKind: { grant: { count: 1, committed: '100000.00' }, purchase: { count: 1, committed: '50000.00' } },
    });
    expect(cost.whoPaid.total).toBe('150000.00');
    expect(cost.whoPaid.ultimateFunders).toEqual([
      { partyId: 'arbeidsmarktregio-zuid-limburg', name: 'Arbeidsmarktregio Zuid-Limburg', amount: '100000.00', share: '66.67' },
      { partyId: 'gemeente-heerlen', name: 'Gemeente Heerlen', amount: '50000.00', share: '33.33' },
    ]);
    expect(cost.whoPaid.directPayers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ partyId: 'arbeidsmarktregio-zuid-limburg', realised: '100000.00' }),
        expect.objectContaining({ partyId: 'gemeente-heerlen', realised: '50000.00' }),
      ]),
    );
  });

  it('names the journal position and tree head it was computed at', async () => {
    const [cost, digest] = await Promise.all([get(api, `/v1/programmes/${PILOT}/cost`), get(api, '/v1/journal/digest')]);
    expect(cost.body.journal).toMatchObject({ position: digest.body.headPosition, treeSize: digest.body.treeSize, rootHash: digest.body.rootHash });
  });

  it('lists the events behind each figure with explain=true', async () => {
    const cost = (await get(api, `/v1/programmes/${PILOT}/cost?explain=true`)).body;
    expect(cost.evidence.participants).toHaveLength(1);
    expect(cost.evidence.participants[0]).toMatchObject({ type: 'ParticipantsEnrolled', streamId: `programme-${PILOT}`, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(cost.evidence.committed.map((e: { type: string }) => e.type).sort()).toEqual(['GrantAwarded', 'TrajectoriesPurchased']);
    expect(cost.evidence.realised.map((e: { type: string }) => e.type).sort()).toEqual(['GrantAdvancePaid', 'PurchasePaid']);
    expect(cost.evidence.status[0]).toMatchObject({ type: 'ProgrammeEnded', effectiveDate: '2024-06-15', effectiveDatePrecision: 'month' });
    // A cost per participant rests on the costs and the enrolment both.
    const positions = (figure: string) => cost.evidence[figure].map((e: { position: number }) => e.position);
    expect(positions('costPerParticipant')).toEqual([...positions('committed'), ...positions('participants')].sort((a, b) => a - b));
  });

  it('reproduces an earlier answer exactly after a correction, with asOf', async () => {
    const before = (await get(api, `/v1/programmes/${PILOT}/cost`)).body;
    const enrolment = await post(api, `/v1/programmes/${PILOT}/participants`, {
      enrolmentId: 'nagekomen-deelnemers',
      count: 2,
      sourceReference: 'correctie deelnemerslijst',
      effectiveDate: '2024-06-15',
    });
    expectCreated(enrolment);
    const after = (await get(api, `/v1/programmes/${PILOT}/cost`)).body;
    expect(after.participants).toBe(30);
    expect(after.costPerParticipant).toBe('5000.00');
    const reproduced = (await get(api, `/v1/programmes/${PILOT}/cost?asOf=${before.journal.position}`)).body;
    expectReproduced(reproduced, before);
    // And the correction itself reversed: the answer is 28 again, and the reversal is on record.
    const reversal = await post(api, '/v1/reversals', {
      reversalId: 'correctie-ingetrokken',
      streamId: `programme-${PILOT}`,
      eventId: enrolment.body.eventIds[0],
      reason: 'Dubbel geteld',
      sourceReference: 'memo controller',
      effectiveDate: '2024-06-15',
    });
    expectCreated(reversal);
    expect((await get(api, `/v1/programmes/${PILOT}/cost`)).body.participants).toBe(28);
  });

  it('does not know the pilot as of a date before it was recorded', async () => {
    expectProblem(await get(api, `/v1/programmes/${PILOT}/cost?asOf=2000-01-01`), 404, 'not-found');
  });

  it('sees only what was effective by a date with on', async () => {
    const cost = (await get(api, `/v1/programmes/${PILOT}/cost?on=2024-02-15`)).body;
    expect(cost.status).toBe('running');
    expect(cost.participants).toBe(0);
    expect(cost.realised).toBe('100000.00');
  });

  it('refuses a malformed asOf or on as a 400 problem', async () => {
    expectProblem(await get(api, `/v1/programmes/${PILOT}/cost?asOf=yesterday`), 400, 'validation');
    expectProblem(await get(api, `/v1/programmes/${PILOT}/cost?on=2024-02-30`), 400, 'invalid-date');
    expectProblem(await get(api, `/v1/programmes/${PILOT}/cost?colour=blue`), 400, 'validation');
  });
});

describe('the events behind who paid', () => {
  // Adds Heerlen's own money to the pilot's budgets around and after its payments: who paid for it stays as it was.
  const HEERLEN = 'heerlen-maatwerk-reintegratie-2024';
  const FEEDER = 'heerlen-aanvulling-2024';
  const at = (effectiveDate: string) => ({ sourceReference: 'dossier aanvulling', effectiveDate });
  const positionsOf = (references: readonly { position: number }[]) => references.map((r) => r.position).sort((a, b) => a - b);

  it('cites only the inflows the pools held when the pilot was paid (February and March 2024), back through a transfer', async () => {
    expectCreated(await post(api, '/v1/budgets', { budgetId: FEEDER, ownerPartyId: 'gemeente-heerlen', name: 'Aanvulling re-integratie', fiscalYear: 2024, taakveld: '6.4', ...at('2024-01-01') }));
    const before = expectCreated(await post(api, `/v1/budgets/${FEEDER}/fundings`, { fundingId: 'eigen-middelen-1', source: 'own-means', amount: '1000.00', ...at('2024-01-05') }));
    const transfer = expectCreated(await post(api, `/v1/budgets/${FEEDER}/transfers`, { transferId: 'aanvulling-maatwerk', toBudgetId: HEERLEN, amount: '500.00', ...at('2024-02-10') }));
    // Into the feeder after it sent its transfer, though before the purchase was paid: it paid nothing of the pilot.
    const afterTransfer = expectCreated(await post(api, `/v1/budgets/${FEEDER}/fundings`, { fundingId: 'eigen-middelen-2', source: 'own-means', amount: '1000.00', ...at('2024-02-20') }));
    const july = expectCreated(await post(api, `/v1/budgets/${HEERLEN}/fundings`, { fundingId: 'aanvulling-juli', source: 'own-means', amount: '5000.00', ...at('2024-07-10') }));

    const now = (await get(api, `/v1/programmes/${PILOT}/cost?explain=true`)).body;
    const onPaid = (await get(api, `/v1/programmes/${PILOT}/cost?explain=true&on=2024-04-30`)).body;
    expect(now.whoPaid).toEqual(onPaid.whoPaid);
    const cited = positionsOf(now.evidence.whoPaid);
    expect(cited).toEqual(expect.arrayContaining([before.position, transfer.position]));
    expect(cited).not.toContain(afterTransfer.position);
    expect(cited).not.toContain(july.position);
    expect(cited).toEqual(positionsOf(onPaid.evidence.whoPaid));

    const { footnotes, references } = (await get(api, `/v1/programmes/${PILOT}/answer?lang=nl`)).body;
    const footnoted = footnotes.flatMap((f: { positions: number[] }) => f.positions);
    for (const position of [afterTransfer.position, july.position]) {
      expect(footnoted).not.toContain(position);
      expect(references[String(position)]).toBeUndefined();
    }
  });
});

/** The sum of one figure over every kind, in cents. */
function sumOverKinds(byKind: Record<string, Record<string, string>>, figure: 'committed' | 'obligo' | 'realised'): number {
  return Object.values(byKind).reduce((sum, kind) => sum + cents(kind[figure]), 0);
}

function cents(amount: string): number {
  const parsed = parseMoney(amount, { allowNegative: true });
  if (!parsed.ok) throw new Error(`not an amount: ${amount}`);
  return parsed.cents;
}

describe('GET /v1/programmes/{id}/cost, kind by kind', () => {
  const NONE = { count: 0, committed: '0.00', obligo: '0.00', realised: '0.00' };

  it('names every kind of cost in byKind: grants, purchases and each kind of expense, hired staff booked line by line among them', async () => {
    const cost = (await get(api, `/v1/programmes/${EVERY_KIND_PROGRAMME}/cost`)).body;
    expect(cost).toMatchObject({ committed: '27200.00', obligo: '12500.00', realised: '14700.00', settled: '0.00' });
    expect(cost.byKind).toEqual({
      grant: { count: 1, committed: '10000.00', obligo: '6000.00', realised: '4000.00', settled: '0.00' },
      purchase: { count: 1, trajectories: 3, units: { trajectory: 3 }, committed: '4500.00', obligo: '3000.00', realised: '1500.00' },
      personnel: { count: 1, committed: '2500.00', obligo: '0.00', realised: '2500.00' },
      'hired-staff': { count: 4, committed: '5200.00', obligo: '0.00', realised: '5200.00' },
      operating: { count: 1, committed: '2000.00', obligo: '1500.00', realised: '500.00' },
      'wage-cost-subsidy': { count: 1, committed: '3000.00', obligo: '2000.00', realised: '1000.00' },
      contribution: NONE,
      other: NONE,
    });
    // In the order the ledger names its kinds of spending everywhere (as a party's own view does).
    expect(Object.keys(cost.byKind)).toEqual(['grant', 'purchase', 'personnel', 'hired-staff', 'operating', 'wage-cost-subsidy', 'contribution', 'other']);
  });

  it('counts trajectories apart from hours and other units, and none of an order cancelled', async () => {
    const flows = new MoneyFlows(api, 'Administratie Gulpen 2024');
    await flows.party('gemeente-gulpen', 'Gemeente Gulpen', 'municipality');
    await flows.party('coach-gulpen', 'Coach Gulpen', 'company');
    await flows.budget('gulpen-2024', 'gemeente-gulpen', 2024, '6.5');
    await flows.fund('gulpen-2024', 'eigen-middelen', '100000.00', '2024-01-02');
    await flows.programme('gulpen-coaching', 'gemeente-gulpen', 'Coaching Gulpen', '2024-01-10');
    const charge = { programmeId: 'gulpen-coaching' };
    await flows.purchase('gulpen-trajecten', 'gulpen-2024', 'coach-gulpen', 10, '1000.00', '2024-02-01', undefined, charge);
    await flows.purchase('gulpen-uren', 'gulpen-2024', 'coach-gulpen', 100, '50.00', '2024-02-01', undefined, { ...charge, unit: 'hour' });
    await flows.purchase('gulpen-geannuleerd', 'gulpen-2024', 'coach-gulpen', 4, '1000.00', '2024-02-01', undefined, charge);
    expectCreated(await post(api, '/v1/purchases/gulpen-geannuleerd/cancellation', { reason: 'Niet gestart', effectiveDate: '2024-03-01', sourceReference: 'Brief' }));
    const { purchase } = (await get(api, '/v1/programmes/gulpen-coaching/cost')).body.byKind;
    expect(purchase).toMatchObject({ count: 3, trajectories: 10, units: { hour: 100, trajectory: 10 }, committed: '15000.00' });
  });

  it.each([
    ['the programme charged with every kind', EVERY_KIND_PROGRAMME, ''],
    ['the Heerlen pilot', PILOT, ''],
    ['the Heerlen pilot as it stood in February', PILOT, '?on=2024-02-15'],
  ])('adds its kinds up to the cent to committed, obligo and realised: %s', async (_what, programmeId, query) => {
    const cost = (await get(api, `/v1/programmes/${programmeId}/cost${query}`)).body;
    for (const figure of ['committed', 'obligo', 'realised'] as const) {
      expect([figure, sumOverKinds(cost.byKind, figure)]).toEqual([figure, cents(cost[figure])]);
    }
    expect(cents(cost.byKind.grant.settled)).toBe(cents(cost.settled));
  });
});
