// Findings over HTTP: each kind provoked through the API, naming the events behind it; a
// reversal of the offending event removes it, and asOf before the reversal still shows it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, get, post } from '../support/http';
import { RecordedFacts } from '../support/recorded-facts';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;
let scenarioEnd: number;

interface Written {
  position: number;
  eventIds: string[];
}
interface Reference {
  position: number;
  eventId: string;
  type: string;
  streamId: string;
  hash: string;
}
interface FindingBody {
  id: string;
  kind: string;
  origin: string;
  entity: { streamId: string; category: string; id: string };
  date: string;
  detail: Record<string, unknown>;
  events: Reference[];
}

async function ok(path: string, body: Record<string, unknown>, effectiveDate = '2024-02-01'): Promise<Written> {
  return expectCreated(await post(api, path, { effectiveDate, sourceReference: 'dossier bevindingen', ...body })) as unknown as Written;
}

async function reverse(streamId: string, eventId: string, reversalId: string): Promise<Written> {
  return ok('/v1/reversals', { reversalId, streamId, eventId, reason: 'Onjuist geboekt' }, '2024-12-01');
}

async function findingsOf(kind: string, query = ''): Promise<FindingBody[]> {
  const response = await get(api, `/v1/findings?kind=${kind}${query}`);
  if (response.status !== 200) throw new Error(`${response.status} ${response.text}`);
  return response.body.findings;
}

async function findingOn(kind: string, streamId: string, query = ''): Promise<FindingBody | undefined> {
  return (await findingsOf(kind, query)).find((f) => f.entity.streamId === streamId);
}

const eventIdsOf = (finding: FindingBody | undefined) => finding?.events.map((e) => e.eventId);

async function party(partyId: string): Promise<void> {
  await ok('/v1/parties', { partyId, name: `Leverancier ${partyId}`, kind: 'company' }, '2024-01-01');
}

/** A budget of Heerlen, funded from own means: returns the funding. */
async function budget(budgetId: string, amount: string): Promise<Written> {
  await ok('/v1/budgets', { budgetId, ownerPartyId: 'gemeente-heerlen', name: `Budget ${budgetId}`, fiscalYear: 2024, taakveld: '6.4' }, '2024-01-01');
  return ok(`/v1/budgets/${budgetId}/fundings`, { fundingId: 'eigen-middelen', source: 'own-means', amount }, '2024-01-01');
}

function purchase(purchaseId: string, budgetId: string, supplierPartyId: string, count: number, unitPrice: string, extra: Record<string, unknown> = {}) {
  return ok('/v1/purchases', { purchaseId, budgetId, supplierPartyId, count, unitPrice, targetGroup: 'Bijstandsgerechtigden', ...extra }, String(extra.effectiveDate ?? '2024-02-01'));
}

/** The offending event's reversal removes the finding; asOf just before it still shows it. */
async function expectRemovedByReversal(kind: string, streamId: string, reversal: Written): Promise<void> {
  expect(await findingOn(kind, streamId)).toBeUndefined();
  // Just before the reversal's first event (a reversal with a mirror writes two).
  const page = (await get(api, `/v1/journal?after=${Math.max(reversal.position - 10, 0)}&limit=20`)).body;
  const first = page.events.find((e: { eventId: string }) => e.eventId === reversal.eventIds[0]);
  expect(await findingOn(kind, streamId, `&asOf=${first.position - 1}`)).toBeDefined();
}

beforeAll(async () => {
  api = await startApi();
  const written = await recordScenario(api, loadScenario('heerlen'));
  scenarioEnd = written[written.length - 1].position;
}, 60_000);
afterAll(() => api.close());

describe('GET /v1/findings', () => {
  it('finds exactly the one irregularity of the Heerlen scenario: the pilot purchase paid without an invoice', async () => {
    const response = await get(api, `/v1/findings?asOf=${scenarioEnd}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ count: 1, byKind: { 'paid-above-invoiced': 1 }, asOf: String(scenarioEnd), on: null });
    expect(response.body.journal.position).toBe(scenarioEnd);
    const [finding] = response.body.findings;
    expect(finding).toMatchObject({
      kind: 'paid-above-invoiced',
      origin: 'flag',
      entity: { streamId: 'purchase-heerlen-pilot-werkvoorheerlen-2024', category: 'purchase', id: 'heerlen-pilot-werkvoorheerlen-2024' },
      date: '2024-03-01',
      detail: { eventType: 'PurchasePaid', amount: '50000.00' },
    });
    expect(finding.events).toEqual([
      expect.objectContaining({ type: 'PurchasePaid', streamId: 'purchase-heerlen-pilot-werkvoorheerlen-2024', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
  });

  it('lists stored flags as findings of their kind, until the flagged event is reversed', async () => {
    await party('lev-flag');
    await budget('flag-2024', '50000.00');
    await purchase('flag-inkoop', 'flag-2024', 'lev-flag', 1, '1000.00');
    const invoice = await ok('/v1/purchases/flag-inkoop/invoices', { invoiceId: 'te-hoog', amount: '1500.00' }, '2024-03-01');
    await ok('/v1/grants', { grantId: 'flag-subsidie', budgetId: 'flag-2024', recipientPartyId: 'lev-flag', amount: '2000.00' });
    const payment = await ok('/v1/grants/flag-subsidie/payments', { paymentId: 'te-veel', amount: '2500.00' }, '2024-03-01');
    const amendment = await ok('/v1/budgets/flag-2024/amendments', { amendmentId: 'te-ver-omlaag', amount: '-60000.00', reason: 'Bezuiniging' }, '2024-04-01');

    const invoiced = await findingOn('invoiced-above-total', 'purchase-flag-inkoop');
    expect(invoiced).toMatchObject({ origin: 'flag', date: '2024-03-01', detail: { eventType: 'PurchaseInvoiced', amount: '1500.00' } });
    expect(eventIdsOf(invoiced)).toEqual(invoice.eventIds);
    expect(eventIdsOf(await findingOn('paid-above-granted', 'grant-flag-subsidie'))).toEqual(payment.eventIds);
    expect(eventIdsOf(await findingOn('budget-below-zero', 'budget-flag-2024'))).toEqual(amendment.eventIds);

    const reversal = await reverse('purchase-flag-inkoop', invoice.eventIds[0], 'herstel-factuur');
    await expectRemovedByReversal('invoiced-above-total', 'purchase-flag-inkoop', reversal);
  });

  it('finds a budget overrun against fundings, amendments and transfers, naming the purchase that did not fit', async () => {
    await party('lev-overrun');
    await budget('overrun-bron', '20000.00');
    const funding = await budget('overrun-2024', '10000.00');
    const amendment = await ok('/v1/budgets/overrun-2024/amendments', { amendmentId: 'verlaging', amount: '-1000.00', reason: 'Bijstelling' });
    const transferIn = await ok('/v1/budgets/overrun-bron/transfers', { transferId: 'aanvulling', toBudgetId: 'overrun-2024', amount: '2000.00' });
    const transferOut = await ok('/v1/budgets/overrun-2024/transfers', { transferId: 'afdracht', toBudgetId: 'overrun-bron', amount: '500.00' });
    await purchase('overrun-a', 'overrun-2024', 'lev-overrun', 2, '3000.00', { effectiveDate: '2024-02-01' });
    expect(await findingOn('budget-overrun', 'budget-overrun-2024')).toBeUndefined();
    const b = await purchase('overrun-b', 'overrun-2024', 'lev-overrun', 2, '3000.00', { effectiveDate: '2024-03-01' });

    const finding = await findingOn('budget-overrun', 'budget-overrun-2024');
    // 10.000 − 1.000 + 2.000 − 500 = 10.500 current; 12.000 charged.
    expect(finding).toMatchObject({
      origin: 'derived',
      date: '2024-03-01',
      detail: { budgetId: 'overrun-2024', currentAmount: '10500.00', charged: '12000.00', overrun: '1500.00' },
    });
    const inMirror = (await get(api, '/v1/audit/streams/budget-overrun-2024')).body.events.find((e: { type: string }) => e.type === 'BudgetTransferredIn');
    expect(eventIdsOf(finding)).toEqual([...funding.eventIds, ...amendment.eventIds, inMirror.eventId, ...transferOut.eventIds, ...b.eventIds]);
    // A transfer's answer names the last event it wrote: the incoming side.
    expect(transferIn.position).toBe(inMirror.position);

    const reversal = await reverse('purchase-overrun-b', b.eventIds[0], 'herstel-overrun');
    await expectRemovedByReversal('budget-overrun', 'budget-overrun-2024', reversal);
  });

  it('finds call-offs above the contract ceiling after amendments, naming the contract and the call-off that passed it', async () => {
    await party('lev-raam');
    await budget('raam-2024', '100000.00');
    await ok('/v1/procurements', { procurementId: 'raam-plafond', buyerPartyId: 'gemeente-heerlen', subject: 'Trajecten', procedure: 'multiple-quote', estimatedValue: '10000.00' }, '2024-01-01');
    const award = await ok('/v1/procurements/raam-plafond/contracts', { contractId: 'raam-plafond-2024', supplierPartyId: 'lev-raam', ceiling: '10000.00', termStart: '2024-01-01', termEnd: '2024-12-31' }, '2024-01-10');
    await purchase('afroep-1', 'raam-2024', 'lev-raam', 4, '2000.00', { contractId: 'raam-plafond-2024', effectiveDate: '2024-03-01' });
    const second = await purchase('afroep-2', 'raam-2024', 'lev-raam', 2, '2000.00', { contractId: 'raam-plafond-2024', effectiveDate: '2024-04-01' });
    const amendment = await ok('/v1/contracts/raam-plafond-2024/amendments', { amendmentId: 'verhoging', ceiling: '11000.00', reason: 'Meer trajecten' }, '2024-05-01');

    const finding = await findingOn('call-off-above-ceiling', 'contract-raam-plafond-2024');
    expect(finding).toMatchObject({
      id: 'call-off-above-ceiling:raam-plafond-2024',
      detail: { contractId: 'raam-plafond-2024', supplierPartyId: 'lev-raam', ceiling: '11000.00', calledOff: '12000.00', excess: '1000.00' },
    });
    expect(eventIdsOf(finding)).toEqual([...award.eventIds, ...second.eventIds, ...amendment.eventIds]);
    expect(finding!.events[0]).toMatchObject({ type: 'ContractAwarded', streamId: 'procurement-raam-plafond' });

    const reversal = await reverse('purchase-afroep-2', second.eventIds[0], 'herstel-afroep');
    await expectRemovedByReversal('call-off-above-ceiling', 'contract-raam-plafond-2024', reversal);
  });

  /** A supplier, a budget of 100.000 and a contract of 10.000 with it for 2024, bought with several quotes. */
  async function contractFor2024(key: string, budgetId: string): Promise<void> {
    await party(`lev-${key}`);
    await budget(budgetId, '100000.00');
    await ok('/v1/procurements', { procurementId: key, buyerPartyId: 'gemeente-heerlen', subject: 'Trajecten', procedure: 'multiple-quote', estimatedValue: '10000.00' }, '2024-01-01');
    await ok(`/v1/procurements/${key}/contracts`, { contractId: `${key}-2024`, supplierPartyId: `lev-${key}`, ceiling: '10000.00', termStart: '2024-01-01', termEnd: '2024-12-31' }, '2024-01-10');
  }

  it('finds call-offs after a contract was ended, as a fout in the rechtmatigheid register for what they commit', async () => {
    await contractFor2024('looptijd', 'looptijd-2024');
    await purchase('looptijd-1', 'looptijd-2024', 'lev-looptijd', 1, '2000.00', { contractId: 'looptijd-2024', effectiveDate: '2024-03-01' });
    expect(await findingOn('call-off-outside-term', 'contract-looptijd-2024')).toBeUndefined();
    await ok('/v1/contracts/looptijd-2024/end', { reason: 'Opgezegd' }, '2024-06-30');
    const late = await purchase('looptijd-2', 'looptijd-2024', 'lev-looptijd', 3, '1000.00', { contractId: 'looptijd-2024', effectiveDate: '2024-09-01' });

    const finding = await findingOn('call-off-outside-term', 'contract-looptijd-2024');
    expect(finding).toMatchObject({ date: '2024-09-01', detail: { endedOn: '2024-06-30', calledOffOutside: '3000.00', offendingEvents: 1, budgetIds: ['looptijd-2024'] } });
    expect(eventIdsOf(finding)).toContain(late.eventIds[0]);
    const register = await get(api, '/v1/parties/gemeente-heerlen/rechtmatigheid?year=2024');
    expect(register.status).toBe(200);
    const entry = register.body.entries.find((e: { findingId: string }) => e.findingId === 'call-off-outside-term:looptijd-2024');
    expect(entry).toMatchObject({ criterion: 'voorwaardencriterium', class: 'fout', amount: '3000.00' });

    const reversal = await reverse('purchase-looptijd-2', late.eventIds[0], 'herstel-looptijd');
    await expectRemovedByReversal('call-off-outside-term', 'contract-looptijd-2024', reversal);
  });

  it('follows a contract end recorded again after a wrong one was reversed (an end id of its own)', async () => {
    await contractFor2024('einde', 'opzeg-2024');
    await purchase('einde-1', 'opzeg-2024', 'lev-einde', 1, '1000.00', { contractId: 'einde-2024', effectiveDate: '2024-05-01' });
    const wrong = await ok('/v1/contracts/einde-2024/end', { reason: 'Opgezegd' }, '2024-04-01');
    expect(await findingOn('call-off-outside-term', 'contract-einde-2024')).toMatchObject({ detail: { endedOn: '2024-04-01', calledOffOutside: '1000.00' } });
    await reverse('contract-einde-2024', wrong.eventIds[0], 'herstel-einde');
    expect(await findingOn('call-off-outside-term', 'contract-einde-2024')).toBeUndefined();
    await ok('/v1/contracts/einde-2024/end', { endId: 'einde-juist', reason: 'Opgezegd' }, '2024-09-30');
    expect(await findingOn('call-off-outside-term', 'contract-einde-2024')).toBeUndefined();
    await purchase('einde-2', 'opzeg-2024', 'lev-einde', 2, '1000.00', { contractId: 'einde-2024', effectiveDate: '2024-10-01' });
    expect(await findingOn('call-off-outside-term', 'contract-einde-2024')).toMatchObject({ detail: { endedOn: '2024-09-30', calledOffOutside: '2000.00', offendingEvents: 1 } });
  });

  it('finds a procedure too light for the value over the whole term with options, by the threshold of the award date', async () => {
    await party('lev-procedure');
    const contract = async (procurementId: string, procedure: string, ceiling: string, effectiveDate: string, options: Record<string, unknown> = {}) => {
      const year = effectiveDate.slice(0, 4);
      await ok('/v1/procurements', { procurementId, buyerPartyId: 'gemeente-heerlen', subject: 'Trajecten', procedure, estimatedValue: ceiling }, effectiveDate);
      return ok(`/v1/procurements/${procurementId}/contracts`, { contractId: `${procurementId}-c`, supplierPartyId: 'lev-procedure', ceiling, termStart: `${year}-01-01`, termEnd: `${year}-12-31`, ...options }, effectiveDate);
    };
    // 40.000 for 2024 (366 days) plus 6 months of options (181 days): 40.000 × 547 / 366.
    const light = await contract('enkelvoudig-opties', 'single-quote', '40000.00', '2024-01-10', { optionMonths: 6 });
    await contract('enkelvoudig-zonder', 'single-quote', '40000.00', '2024-01-10');
    // The European threshold counts from the amount itself; the inkoopbeleid's from above it.
    const atEuropean = await contract('nationaal-2023', 'national', '750000.00', '2023-02-01');
    await contract('meervoudig-op-grens', 'multiple-quote', '215000.00', '2024-02-01');

    const finding = await findingOn('procedure-too-light', 'contract-enkelvoudig-opties-c');
    expect(finding).toMatchObject({
      date: '2024-01-10',
      detail: {
        procedure: 'single-quote',
        ceiling: '40000.00',
        optionMonths: 6,
        valueOverTermWithOptions: '59781.42',
        threshold: '50000.00',
        thresholdId: 'inkoopbeleid-single-quote',
        thresholdComparison: 'above',
      },
    });
    expect(eventIdsOf(finding)).toEqual(light.eventIds);
    expect(await findingOn('procedure-too-light', 'contract-enkelvoudig-zonder-c')).toBeUndefined();
    expect(await findingOn('procedure-too-light', 'contract-meervoudig-op-grens-c')).toBeUndefined();
    const european = await findingOn('procedure-too-light', 'contract-nationaal-2023-c');
    expect(european).toMatchObject({ detail: { valueOverTermWithOptions: '750000.00', threshold: '750000.00', thresholdId: 'eu-social-services-2016', thresholdComparison: 'at-or-above' } });
    expect(String(european!.detail.thresholdSource)).toContain('Richtlijn 2014/24/EU art. 4(d)');
    expect(eventIdsOf(european)).toEqual(atEuropean.eventIds);

    const reversal = await reverse('procurement-enkelvoudig-opties', light.eventIds[0], 'herstel-gunning');
    await expectRemovedByReversal('procedure-too-light', 'contract-enkelvoudig-opties-c', reversal);
  });

  it('finds purchases split below the single-quote threshold by one buyer from one supplier in one year', async () => {
    await party('lev-split');
    await budget('split-2024', '100000.00');
    await ok('/v1/budgets', { budgetId: 'split-azl', ownerPartyId: 'arbeidsmarktregio-zuid-limburg', name: 'AZL', fiscalYear: 2024, taakveld: '6.4' }, '2024-01-01');
    await ok('/v1/budgets/split-azl/fundings', { fundingId: 'eigen', source: 'own-means', amount: '50000.00' }, '2024-01-01');
    const first = await purchase('split-1', 'split-2024', 'lev-split', 20, '1500.00', { effectiveDate: '2024-02-01' });
    const second = await purchase('split-2', 'split-2024', 'lev-split', 15, '1500.00', { effectiveDate: '2024-05-01' });
    // Another buyer and another year do not add up with them.
    await purchase('split-azl', 'split-azl', 'lev-split', 20, '1500.00', { effectiveDate: '2024-06-01' });
    await purchase('split-2025', 'split-2024', 'lev-split', 20, '1500.00', { effectiveDate: '2025-01-15' });

    const found = (await findingsOf('split-purchase')).filter((f) => f.entity.streamId === 'party-lev-split');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: 'split-purchase:lev-split:gemeente-heerlen:2024',
      date: '2024-05-01',
      detail: { supplierPartyId: 'lev-split', buyerPartyId: 'gemeente-heerlen', fiscalYear: 2024, purchases: 2, total: '52500.00', threshold: '50000.00', thresholdId: 'inkoopbeleid-single-quote' },
    });
    expect(eventIdsOf(found[0])).toEqual([...first.eventIds, ...second.eventIds]);

    const reversal = await reverse('purchase-split-2', second.eventIds[0], 'herstel-split');
    await expectRemovedByReversal('split-purchase', 'party-lev-split', reversal);
  });

  it("counts a contract at its value over the whole term with options when it adds up with orders from the same supplier", async () => {
    await party('lev-opties');
    await budget('opties-2024', '100000.00');
    await ok('/v1/procurements', { procurementId: 'opties-offerte', buyerPartyId: 'gemeente-heerlen', subject: 'Jobcoaching', procedure: 'single-quote', estimatedValue: '30000.00' }, '2024-01-10');
    // 30.000 for 2024 (366 days) and 6 months of options (181 days): 30.000 × 547 / 366 = 44.836,07, under 50.000 alone.
    const award = await ok('/v1/procurements/opties-offerte/contracts', { contractId: 'opties-c', supplierPartyId: 'lev-opties', ceiling: '30000.00', termStart: '2024-01-01', termEnd: '2024-12-31', optionMonths: 6 }, '2024-01-10');
    const order = await purchase('opties-los', 'opties-2024', 'lev-opties', 4, '2500.00', { effectiveDate: '2024-03-01' });
    const found = (await findingsOf('split-purchase')).filter((f) => f.entity.streamId === 'party-lev-opties');
    expect(found).toEqual([
      expect.objectContaining({
        id: 'split-purchase:lev-opties:gemeente-heerlen:2024',
        detail: expect.objectContaining({ serviceKind: 'purchase', purchases: 1, contracts: 1, total: '54836.07', threshold: '50000.00', thresholdId: 'inkoopbeleid-single-quote' }),
      }),
    ]);
    expect(eventIdsOf(found[0])).toEqual([...award.eventIds.slice(0, 1), ...order.eventIds]);
    // Without its options the contract is 30.000, and 40.000 together passes nothing.
    const reversal = await reverse('procurement-opties-offerte', award.eventIds[0], 'herstel-opties');
    await expectRemovedByReversal('split-purchase', 'party-lev-opties', reversal);
  });

  it('finds hired staff split over commitments to one agency, apart from what is bought from it as purchases', async () => {
    await party('lev-inhuur');
    await budget('inhuur-2024', '200000.00');
    const facts = new RecordedFacts(api);
    const charge = { kind: 'hired-staff' as const, budgetId: 'inhuur-2024', payeePartyId: 'lev-inhuur' };
    const first = await facts.commit('inhuur-q1', charge, '30000.00', '2024-02-01');
    const second = await facts.commit('inhuur-q2', charge, '30000.00', '2024-05-01');
    await purchase('inhuur-trajecten', 'inhuur-2024', 'lev-inhuur', 4, '2500.00', { effectiveDate: '2024-03-01' });
    const found = (await findingsOf('split-purchase')).filter((f) => f.entity.streamId === 'party-lev-inhuur');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: 'split-purchase:lev-inhuur:gemeente-heerlen:2024:hired-staff',
      date: '2024-05-01',
      detail: { serviceKind: 'hired-staff', purchases: 2, contracts: 0, total: '60000.00', threshold: '50000.00' },
    });
    expect(found[0].events.map((e) => e.position)).toEqual([first.position, second.position]);
  });

  it('finds spending dated after the programme ended, naming the spending and the end', async () => {
    await party('lev-einde');
    await budget('einde-2024', '50000.00');
    await ok('/v1/programmes', { programmeId: 'kort-project', ownerPartyId: 'gemeente-heerlen', name: 'Kort project' }, '2024-01-01');
    await purchase('einde-inkoop', 'einde-2024', 'lev-einde', 2, '2000.00', { programmeId: 'kort-project', effectiveDate: '2024-02-01' });
    const end = await ok('/v1/programmes/kort-project/end', { reason: 'Afgerond', continued: false }, '2024-03-31');
    const late = await ok('/v1/purchases/einde-inkoop/payments', { paymentId: 'na-einde', amount: '4000.00' }, '2024-04-15');

    const found = (await findingsOf('spending-after-programme-end')).filter((f) => f.detail.programmeId === 'kort-project');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      entity: { streamId: 'purchase-einde-inkoop' },
      date: '2024-04-15',
      detail: { programmeId: 'kort-project', endedOn: '2024-03-31', eventType: 'PurchasePaid', amount: '4000.00' },
    });
    expect(eventIdsOf(found[0])).toEqual([...end.eventIds, ...late.eventIds]);
    // The Heerlen pilot was paid before it ended.
    expect((await findingsOf('spending-after-programme-end')).filter((f) => f.detail.programmeId === 'pilot-werkvoorheerlen-2024')).toEqual([]);

    const reversal = await reverse('purchase-einde-inkoop', late.eventIds[0], 'herstel-einde');
    await expectRemovedByReversal('spending-after-programme-end', 'purchase-einde-inkoop', reversal);
  });

  it('finds a payment made before its grant was awarded, and under an effective date before the award, none visible at all', async () => {
    await party('lev-voor');
    await budget('voor-2024', '50000.00');
    const award = await ok('/v1/grants', { grantId: 'voor-besluit', budgetId: 'voor-2024', recipientPartyId: 'lev-voor', amount: '5000.00' }, '2024-05-01');
    const payment = await ok('/v1/grants/voor-besluit/payments', { paymentId: 'te-vroeg', amount: '5000.00' }, '2024-04-01');

    const finding = await findingOn('payment-without-commitment', 'grant-voor-besluit');
    expect(finding).toMatchObject({ date: '2024-04-01', detail: { eventType: 'GrantAdvancePaid', amount: '5000.00', committedOn: '2024-05-01' } });
    expect(eventIdsOf(finding)).toEqual([...award.eventIds, ...payment.eventIds]);
    const onApril = await findingOn('payment-without-commitment', 'grant-voor-besluit', '&on=2024-04-15');
    expect(onApril).toMatchObject({ detail: { committedOn: null } });
    expect(eventIdsOf(onApril)).toEqual(payment.eventIds);

    const reversal = await reverse('grant-voor-besluit', payment.eventIds[0], 'herstel-betaling');
    await expectRemovedByReversal('payment-without-commitment', 'grant-voor-besluit', reversal);
  });

  it('finds an allocation line with more committed on it than allocated, on the budget and the programme it touches', async () => {
    await budget('regels', '100000.00');
    await ok('/v1/budgets/regels/allocations', { lineId: 'jobcoaching', description: 'Jobcoaching', amount: '10000.00' }, '2024-01-02');
    await ok('/v1/programmes', { programmeId: 'coaching-2024', ownerPartyId: 'gemeente-heerlen', name: 'Jobcoaching 2024' }, '2024-01-02');
    await party('coach-bv');
    const line = { budgetLineId: 'jobcoaching', programmeId: 'coaching-2024' };
    await purchase('coaching-1', 'regels', 'coach-bv', 6, '1000.00', line);
    expect(await findingOn('line-overrun', 'budget-regels')).toBeUndefined();
    const passing = await purchase('coaching-2', 'regels', 'coach-bv', 5, '1000.00', { ...line, effectiveDate: '2024-03-01' });
    const found = await findingOn('line-overrun', 'budget-regels');
    expect(found).toMatchObject({
      id: 'line-overrun:regels:jobcoaching',
      date: '2024-03-01',
      detail: { budgetId: 'regels', lineId: 'jobcoaching', allocated: '10000.00', charged: '11000.00', overrun: '1000.00', offendingEvents: 1 },
    });
    expect(eventIdsOf(found)).toContain(passing.eventIds[0]);
    // The whole budget is far from overrun: only the line is.
    expect(await findingOn('budget-overrun', 'budget-regels')).toBeUndefined();
    // The budget's, the programme's and the provider's own answers name it.
    for (const path of ['/v1/budgets/regels/execution', '/v1/programmes/coaching-2024/cost', '/v1/providers/coach-bv/spend']) {
      const { findings } = (await get(api, path)).body;
      expect(findings).toMatchObject({ count: 1, byKind: { 'line-overrun': 1 } });
      expect(findings.findings[0]).toMatchObject({ id: 'line-overrun:regels:jobcoaching', review: null });
    }
    expect((await get(api, '/v1/findings?entity=programme-coaching-2024')).body.count).toBe(1);
    expect((await get(api, '/v1/findings?party=coach-bv&kind=line-overrun')).body.count).toBe(1);
    expect((await get(api, '/v1/findings?entity=budget-regels&year=2023')).body.count).toBe(0);
    expect((await get(api, '/v1/findings?entity=budget-regels&review=open')).body.count).toBe(1);
    expect((await get(api, '/v1/findings?entity=budget-regels&review=accepted')).body.count).toBe(0);
    // Reversing the order that passed the line makes it go; as of before, it is still there.
    await expectRemovedByReversal('line-overrun', 'budget-regels', await reverse('purchase-coaching-2', passing.eventIds[0], 'herstel-coaching-2'));
  });

  it('refuses a filter it does not know', async () => {
    expectProblem(await get(api, '/v1/findings?review=approved'), 400, 'validation');
    expectProblem(await get(api, '/v1/findings?entity=budget'), 400, 'validation');
    expectProblem(await get(api, '/v1/findings?entity=bank-x'), 400, 'validation');
    expectProblem(await get(api, '/v1/findings?year=24'), 400, 'validation');
    expectProblem(await get(api, '/v1/findings?party=A%20B'), 400, 'validation');
  });

  it('filters by kind, names the journal it was computed at, and refuses an unknown kind or parameter', async () => {
    const [all, digest] = await Promise.all([get(api, '/v1/findings'), get(api, '/v1/journal/digest')]);
    expect(all.body.journal).toMatchObject({ position: digest.body.headPosition, treeSize: digest.body.treeSize, rootHash: digest.body.rootHash });
    expect(all.body.count).toBe(all.body.findings.length);
    const kinds = new Set(all.body.findings.map((f: FindingBody) => f.kind));
    expect(kinds.size).toBeGreaterThan(1);
    const only = await findingsOf('paid-above-invoiced');
    expect(only.length).toBeGreaterThan(0);
    expect(only.every((f) => f.kind === 'paid-above-invoiced')).toBe(true);
    expectProblem(await get(api, '/v1/findings?kind=fraud'), 400, 'validation');
    expectProblem(await get(api, '/v1/findings?explain=true'), 400, 'validation');
    expectProblem(await get(api, '/v1/findings?on=2024-02-30'), 400, 'invalid-date');
  });
});

describe('thresholds from GELDSTROOM_THRESHOLDS_FILE, chosen by the award date', () => {
  let own: Harness;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'geldstroom-thresholds-'));
    const file = join(folder, 'drempels.json');
    const policy = (id: string, thresholdCents: number, validFrom: string, validTo: string | null) => ({
      id, scope: 'inkoopbeleid', kind: 'inkoopbeleid', procedures: ['single-quote'], thresholdCents, comparison: 'above', validFrom, validTo, source: `Inkoopbeleid ${id}`,
    });
    writeFileSync(file, JSON.stringify({
      serviceCategory: 'social-and-other-specific-services',
      thresholds: [policy('beleid-2024-h1', 1_000_000, '2024-01-01', '2024-06-30'), policy('beleid-2024-h2', 2_000_000, '2024-07-01', null)],
    }));
    own = await startApi({ GELDSTROOM_THRESHOLDS_FILE: file });
    for (const [partyId, kind] of [['gemeente-x', 'municipality'], ['lev-x', 'company']]) {
      expectCreated(await post(own, '/v1/parties', { partyId, name: partyId, kind, effectiveDate: '2024-01-01', sourceReference: 'register' }));
    }
    for (const [id, date] of [['voorjaar', '2024-03-01'], ['najaar', '2024-08-01']]) {
      const src = { effectiveDate: date, sourceReference: 'gunning' };
      expectCreated(await post(own, '/v1/procurements', { procurementId: id, buyerPartyId: 'gemeente-x', subject: 'Trajecten', procedure: 'single-quote', estimatedValue: '15000.00', ...src }));
      expectCreated(await post(own, `/v1/procurements/${id}/contracts`, { contractId: `${id}-c`, supplierPartyId: 'lev-x', ceiling: '15000.00', termStart: date, termEnd: '2024-12-31', ...src }));
    }
  }, 60_000);
  afterAll(async () => {
    await own.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('measures each contract against the threshold in force on its award date', async () => {
    const found = (await get(own, '/v1/findings?kind=procedure-too-light')).body.findings;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ entity: { streamId: 'contract-voorjaar-c' }, detail: { threshold: '10000.00', thresholdId: 'beleid-2024-h1', thresholdSource: 'Inkoopbeleid beleid-2024-h1' } });
  });
});
