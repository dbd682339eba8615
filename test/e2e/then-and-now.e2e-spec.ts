// "What we told the council then, and what changed since." The letter of 8 July 2024 answered from
// the ledger as it stood (the Heerlen scenario); afterwards Heerlen's payment for the pilot was
// found to be 2.000 too high (reversed, paid again at 48.000) and six participants were reported to
// have found work. Then-and-now shows both answers, every figure that moved, and the events in
// between with their positions and hashes.
import { startApi, type Harness } from '../support/api-harness';
import { expectProblem, get } from '../support/http';
import { MoneyFlows, type Recorded } from '../support/money-flows';
import { expectMatchesSchema } from '../support/openapi-schema';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;
let letter: number;
let reversal: Recorded;
let repayment: Recorded;
let outcomes: Recorded;
let paymentPosition: number;

const PILOT = 'pilot-werkvoorheerlen-2024';
const HEERLEN_PAYMENT = 'POST /v1/purchases/heerlen-pilot-werkvoorheerlen-2024/payments';

beforeAll(async () => {
  api = await startApi();
  const steps = loadScenario('heerlen');
  const written = (await recordScenario(api, steps)) as unknown as Recorded[];
  letter = written[written.length - 1].position;
  const payment = written[steps.findIndex((s) => s.request === HEERLEN_PAYMENT)];
  paymentPosition = payment.position;
  const flows = new MoneyFlows(api);
  reversal = await flows.reverse('correctie-betaling-pilot', 'purchase-heerlen-pilot-werkvoorheerlen-2024', payment.eventIds[0], '2024-09-01');
  repayment = await flows.payPurchase('heerlen-pilot-werkvoorheerlen-2024', 'betaling-gecorrigeerd', '48000.00', '2024-03-01');
  outcomes = await flows.outcomes(PILOT, 'uitstroom-werk', 'work', 6, '2024-09-15');
}, 60_000);
afterAll(() => api.close());

async function changes(path: string): Promise<Record<string, any>> {
  const response = await get(api, path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
  return response.body;
}

const changeAt = (answer: Record<string, any>, path: string) => (answer.changes as { path: string }[]).find((c) => c.path === path);

describe('GET /v1/changes/{report}/{id}', () => {
  it("sets the pilot's cost as the letter gave it beside its cost now, figure by figure", async () => {
    const answer = await changes(`/v1/changes/programme-cost/${PILOT}?then=${letter}`);
    await expectMatchesSchema(api, answer, '/v1/changes/{report}/{id}');
    expect(answer).toMatchObject({ report: 'programme-cost', id: PILOT, then: { asOf: String(letter), journal: { position: letter } } });
    expect(answer.then.answer).toMatchObject({ committed: '150000.00', realised: '150000.00', positiveOutcomes: 0 });
    expect(answer.now.answer).toMatchObject({ committed: '150000.00', realised: '148000.00', obligo: '2000.00', positiveOutcomes: 6 });
    expect(changeAt(answer, 'realised')).toEqual({ path: 'realised', then: '150000.00', now: '148000.00', difference: '-2000.00' });
    expect(changeAt(answer, 'obligo')).toEqual({ path: 'obligo', then: '0.00', now: '2000.00', difference: '2000.00' });
    expect(changeAt(answer, 'whoPaid.ultimateFunders[partyId=gemeente-heerlen].amount')).toEqual({
      path: 'whoPaid.ultimateFunders[partyId=gemeente-heerlen].amount', then: '50000.00', now: '48000.00', difference: '-2000.00',
    });
    // 100.000 of 148.000 is 67,57%: the shares moved with it.
    expect(changeAt(answer, 'whoPaid.ultimateFunders[partyId=arbeidsmarktregio-zuid-limburg].share')).toMatchObject({ then: '66.67', now: '67.57' });
    expect(changeAt(answer, 'outcomes.work')).toEqual({ path: 'outcomes.work', then: null, now: 6, difference: null });
    expect(changeAt(answer, 'committed')).toBeUndefined();
  });

  it('names the events recorded since the letter that explain it, each with its position, hash and what it moved', async () => {
    const answer = await changes(`/v1/changes/programme-cost/${PILOT}?then=${letter}`);
    expect(answer.events.map((e: { type: string; position: number }) => [e.type, e.position])).toEqual([
      ['EntryReversed', reversal.position],
      ['PurchasePaid', repayment.position],
      ['OutcomesRecorded', outcomes.position],
    ]);
    const [reversed, paid, counted] = answer.events;
    expect(reversed.moved).toMatchObject({ realised: '-50000.00' });
    expect(reversed.changedEvents).toHaveLength(1);
    // The payment, paid without an invoice, was a finding: taking it back ended that finding too.
    expect(reversed.changedFindings).toEqual([expect.stringMatching(/^paid-above-invoiced:[0-9a-f-]{36}$/)]);
    expect(reversed.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(paid.moved).toMatchObject({ realised: '48000.00' });
    expect(counted.moved).toEqual({ outcomesWork: 6 });
    expect(answer.eventsNotListed).toBe(0);
  });

  // The review's finding: English event types, and a reversal's row that did not say what it reversed.
  it("exports the events in Dutch, a reversal's row naming the position it reversed", async () => {
    const answer = await changes(`/v1/changes/programme-cost/${PILOT}?then=${letter}`);
    expect(answer.events[0].changedEvents).toEqual([paymentPosition]);
    const response = await api.http().get(`/v1/exports/then-and-now?report=programme-cost&id=${PILOT}&then=${letter}`).set('Authorization', `Bearer ${api.token}`);
    // Fields split at the semicolons outside quotes: what an event moved holds "; " between its figures.
    const fields = (line: string) => (line.match(/("([^"]|"")*"|[^;]*)(;|$)/g) ?? []).map((f) => f.replace(/;$/, '').replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
    const events = (response.text as string).split('\r\n').map(fields).filter((r) => r[2] === 'gebeurtenis');
    expect(events.map((r) => [r[8], r[9]])).toEqual([
      [String(reversal.position), 'Boeking teruggedraaid'],
      [String(repayment.position), 'Inkoop betaald'],
      [String(outcomes.position), 'Uitstroom vastgelegd'],
    ]);
    expect(events[0][3]).toMatch(new RegExp(`^gerealiseerd -50000,00; wijzigt positie ${paymentPosition}; wijzigt bevinding ‘Er is meer betaald dan gefactureerd’ \\([0-9a-f-]{36}\\)$`));
  });

  it('reproduces the letter: the earlier answer is the programme cost as of its position', async () => {
    const answer = await changes(`/v1/changes/programme-cost/${PILOT}?then=${letter}`);
    const asOf = (await get(api, `/v1/programmes/${PILOT}/cost?asOf=${letter}`)).body;
    expect(answer.then.answer.journal).toEqual(asOf.journal);
    expect({ ...answer.then.answer, readModels: undefined }).toEqual({ ...asOf, readModels: undefined });
  });

  it("compares a budget's execution and a party's own spending, with only the events of its budgets", async () => {
    const budget = await changes(`/v1/changes/budget-execution/heerlen-maatwerk-reintegratie-2024?then=${letter}`);
    expect(changeAt(budget, 'totals.realised')).toMatchObject({ then: '50000.00', now: '48000.00', difference: '-2000.00' });
    expect(budget.events.map((e: { type: string }) => e.type)).toEqual(['EntryReversed', 'PurchasePaid']);
    const party = await changes(`/v1/changes/party-spending/gemeente-heerlen?then=${letter}&year=2024`);
    expect(changeAt(party, 'years[year=2024].realised')).toMatchObject({ then: '920000.00', now: '918000.00', difference: '-2000.00' });
    expect(changeAt(party, 'years[year=2024].byTaakveld[taakveld=6.4].byKind.purchase.realised')).toMatchObject({ then: '50000.00', now: '48000.00' });
    expect(party.events.map((e: { type: string }) => e.type)).toEqual(['EntryReversed', 'PurchasePaid']);
  });

  it('gives nothing then for a knowledge time before the ledger knew the programme, and no events when nothing changed', async () => {
    const early = await changes(`/v1/changes/programme-cost/${PILOT}?then=1`);
    expect(early.then.answer).toBeNull();
    expect(early.now.answer).toMatchObject({ realised: '148000.00' });
    const same = await changes(`/v1/changes/iv3-matrix/gemeente-heerlen?then=${outcomes.position}&year=2024`);
    expect(same.changes).toEqual([]);
    expect(same.events).toEqual([]);
  });

  it('refuses an unknown report, a report of one year without its year, a bad then, and answers 404 for an entity unknown then and now', async () => {
    expectProblem(await get(api, `/v1/changes/kasboek/${PILOT}?then=${letter}`), 400, 'validation');
    expectProblem(await get(api, `/v1/changes/rechtmatigheid/gemeente-heerlen?then=${letter}`), 400, 'validation');
    expectProblem(await get(api, `/v1/changes/programme-cost/${PILOT}?then=gisteren`), 400, 'validation');
    expectProblem(await get(api, `/v1/changes/programme-cost/${PILOT}`), 400, 'validation');
    // Then later than now: no comparison of a later answer as the earlier one.
    const later = expectProblem(await get(api, `/v1/changes/programme-cost/${PILOT}?then=${letter}&asOf=${letter - 1}`), 400, 'validation');
    expect(later.detail).toContain('later than now');
    // A letter citing a position the journal does not hold is refused, not compared with now as if it were now.
    const beyond = expectProblem(await get(api, `/v1/changes/programme-cost/${PILOT}?then=99999`), 400, 'validation');
    expect(beyond.detail).toContain('journal position 99999 is beyond');
    expectProblem(await get(api, `/v1/programmes/${PILOT}/cost?asOf=99999`), 400, 'validation');
    expectProblem(await get(api, `/v1/changes/programme-cost/onbekend-programma?then=${letter}`), 404, 'not-found');
  });
});
