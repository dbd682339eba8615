// The findings list over read models written event by event: allocation lines charged beyond what
// was allocated, decisions whose second side is missing, reviews and where they stand, and the
// filters a controller narrows the list with.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CURRENT_HASH_SCHEME, type JsonObject, type RecordedEvent } from '@geldstroom/event-store';
import { ReadModelWriter } from '../engine/read-model-writer';
import { repositoryFindingRules } from '../findings/rules';
import { ReadStore } from '../store/read-store';
import { findings, findingsOf, type FindingsFilter } from './findings';
import { LedgerReader } from './reader';

const RULES = repositoryFindingRules();

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'geldstroom-findings-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A journal written by hand, one event at a time, with read models kept beside it. */
class Journal {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();
  readonly store = ReadStore.open(join(dir, `${randomUUID()}.sqlite`));
  private readonly writer = new ReadModelWriter(this.store, RULES);
  readonly reader = new LedgerReader(this.store);

  append(streamId: string, type: string, data: JsonObject, effectiveDate: string, metadata: JsonObject = {}): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const event: RecordedEvent = {
      id: randomUUID(),
      streamId,
      revision,
      position: this.events.length + 1,
      type,
      data: { ...data, effectiveDate },
      metadata: { actor: 'controller-anna', sourceReference: `stuk ${this.events.length + 1}`, schemaVersion: 1, ...metadata },
      recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, this.events.length)).toISOString(),
      hash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
      previousHash: '0'.repeat(64),
      hashScheme: CURRENT_HASH_SCHEME,
    };
    this.events.push(event);
    this.writer.write([event]);
    return event;
  }

  list(filter: FindingsFilter = {}, asOf?: number, on?: string) {
    const cut = this.reader.resolveCut({ ...(asOf === undefined ? {} : { asOf: String(asOf) }), ...(on ? { on } : {}) });
    return findings(this.reader, cut, RULES, filter);
  }
}

function municipality(journal: Journal): void {
  for (const [partyId, kind] of [['gemeente-a', 'municipality'], ['gemeente-b', 'municipality'], ['leverancier', 'company']]) {
    journal.append(`party-${partyId}`, 'PartyRegistered', { partyId, name: `Partij ${partyId}`, kind }, '2024-01-01');
  }
  journal.append('budget-b1', 'BudgetOpened', { budgetId: 'b1', ownerPartyId: 'gemeente-a', name: 'Re-integratie', fiscalYear: 2024, taakveld: '6.4' }, '2024-01-01');
  journal.append('budget-b1', 'BudgetFunded', { budgetId: 'b1', fundingId: 'f1', source: 'own-means', funderPartyId: 'gemeente-a', amountCents: 10_000_000 }, '2024-01-01');
  journal.append('budget-b1', 'BudgetAllocated', { budgetId: 'b1', lineId: 'coaching', description: 'Jobcoaching', amountCents: 100_000 }, '2024-01-02');
  journal.append('programme-p1', 'ProgrammeLaunched', { programmeId: 'p1', ownerPartyId: 'gemeente-a', name: 'Pilot' }, '2024-01-02');
}

function order(journal: Journal, purchaseId: string, totalCents: number, date: string): RecordedEvent {
  return journal.append(
    `purchase-${purchaseId}`,
    'TrajectoriesPurchased',
    { purchaseId, budgetId: 'b1', budgetLineId: 'coaching', programmeId: 'p1', supplierPartyId: 'leverancier', count: 1, unit: 'hour', unitPriceCents: totalCents, totalCents, targetGroup: 'Groep' },
    date,
  );
}

describe('line overrun', () => {
  it('is found when a line has more committed on it than allocated, until more is allocated; as of then it is still there', () => {
    const journal = new Journal();
    municipality(journal);
    order(journal, 'o1', 60_000, '2024-02-01');
    expect(journal.list({ kind: 'line-overrun' }).count).toBe(0);
    const passing = order(journal, 'o2', 55_000, '2024-03-01');
    const [found] = journal.list({ kind: 'line-overrun' }).findings;
    expect(found).toMatchObject({
      id: 'line-overrun:b1:coaching',
      entity: { streamId: 'budget-b1' },
      date: '2024-03-01',
      detail: { budgetId: 'b1', lineId: 'coaching', allocated: '1000.00', charged: '1150.00', overrun: '150.00', offendingEvents: 1 },
    });
    // It names the allocation that set the line's amount and the order that went past it.
    expect(found.events.map((e) => e.type)).toEqual(['BudgetAllocated', 'TrajectoriesPurchased']);
    expect(found.events.map((e) => e.eventId)).toContain(passing.id);
    const overrunAt = journal.events.length;

    journal.append('budget-b1', 'BudgetAllocated', { budgetId: 'b1', lineId: 'coaching', description: 'Jobcoaching', amountCents: 20_000 }, '2024-03-05');
    expect(journal.list({ kind: 'line-overrun' }).count).toBe(0);
    expect(journal.list({ kind: 'line-overrun' }, overrunAt).count).toBe(1);
    // Before the order that passed the line, on its business date, there was none.
    expect(journal.list({ kind: 'line-overrun' }, overrunAt, '2024-02-28').count).toBe(0);
    expect(journal.list({ kind: 'line-overrun' }, overrunAt, '2024-03-01').count).toBe(1);
  });

  it('comes back when the allocation that covered it is reversed', () => {
    const journal = new Journal();
    municipality(journal);
    order(journal, 'o1', 90_000, '2024-02-01');
    const extra = journal.append('budget-b1', 'BudgetAllocated', { budgetId: 'b1', lineId: 'coaching', description: 'Meer', amountCents: 50_000 }, '2024-02-02');
    order(journal, 'o2', 50_000, '2024-02-03');
    expect(journal.list({ kind: 'line-overrun' }).count).toBe(0);
    journal.append('budget-b1', 'EntryReversed', { reversalId: 'h1', reversedEventId: extra.id, reversedEventType: 'BudgetAllocated', reason: 'Dubbel geboekt' }, '2024-02-10');
    expect(journal.list({ kind: 'line-overrun' }).findings[0]?.detail).toMatchObject({ allocated: '1000.00', charged: '1400.00', overrun: '400.00' });
  });
});

describe('mirror missing', () => {
  function transfer(journal: Journal): RecordedEvent {
    journal.append('budget-b2', 'BudgetOpened', { budgetId: 'b2', ownerPartyId: 'gemeente-b', name: 'Regio', fiscalYear: 2024, taakveld: '6.4' }, '2024-01-01');
    const mirrors = [{ streamId: 'budget-b2', events: [{ type: 'BudgetTransferredIn', data: {} }] }];
    return journal.append('budget-b1', 'BudgetTransferredOut', { budgetId: 'b1', transferId: 't1', toBudgetId: 'b2', amountCents: 250_000 }, '2024-04-01', { mirrors });
  }

  it('shows a transfer whose receiving side is not in the journal, until it is, and as of then still', () => {
    const journal = new Journal();
    municipality(journal);
    const out = transfer(journal);
    const [found] = journal.list({ kind: 'mirror-missing' }).findings;
    expect(found).toMatchObject({ id: `mirror-missing:${out.id}`, entity: { streamId: 'budget-b1' }, detail: { eventType: 'BudgetTransferredOut', mirrorsExpected: 1, mirrorsPresent: 0, amount: '2500.00' } });
    // It touches both budgets and both owners.
    expect(journal.list({ kind: 'mirror-missing', entity: 'budget-b2' }).count).toBe(1);
    expect(journal.list({ kind: 'mirror-missing', party: 'gemeente-a' }).count).toBe(1);
    const pendingAt = journal.events.length;

    journal.append('budget-b2', 'BudgetTransferredIn', { budgetId: 'b2', transferId: 't1', fromBudgetId: 'b1', amountCents: 250_000 }, '2024-04-01', { mirrorOf: { streamId: 'budget-b1', eventId: out.id } });
    expect(journal.list({ kind: 'mirror-missing' }).count).toBe(0);
    expect(journal.list({ kind: 'mirror-missing' }, pendingAt).count).toBe(1);
  });
});

describe('budget overrun', () => {
  it('does not name an order cancelled since: what it took back it never committed; on a date before the cancellation it does', () => {
    const journal = new Journal();
    municipality(journal);
    const buy = (purchaseId: string, totalCents: number, date: string) =>
      journal.append(`purchase-${purchaseId}`, 'TrajectoriesPurchased', { purchaseId, budgetId: 'b1', supplierPartyId: 'leverancier', count: 1, unitPriceCents: totalCents, totalCents, targetGroup: 'Groep' }, date);
    buy('o1', 9_500_000, '2024-02-01');
    const past = buy('o2', 1_000_000, '2024-03-01');
    const cancelled = buy('o3', 600_000, '2024-03-05');
    const overrun = () => journal.list({ kind: 'budget-overrun' }).findings[0];
    expect(overrun()).toMatchObject({ date: '2024-03-05', detail: { overrun: '11000.00', offendingEvents: 2 } });
    journal.append('purchase-o3', 'PurchaseCancelled', { purchaseId: 'o3', reason: 'Dubbel besteld' }, '2024-03-15');
    expect(overrun()).toMatchObject({ date: '2024-03-01', detail: { overrun: '5000.00', offendingEvents: 1 } });
    expect(overrun().events.map((e) => e.position)).toContain(past.position);
    expect(overrun().events.map((e) => e.position)).not.toContain(cancelled.position);
    // Derived at a date before the cancellation: both orders went past.
    const onTheTenth = journal.list({ kind: 'budget-overrun' }, undefined, '2024-03-10').findings[0];
    expect(onTheTenth).toMatchObject({ date: '2024-03-05', detail: { offendingEvents: 2 } });
    // And the overrun derived at the cut now, from all its steps, is the one kept event by event.
    expect(journal.list({ kind: 'budget-overrun' }, undefined, '2024-12-31').findings[0]).toMatchObject({ date: '2024-03-01', detail: { offendingEvents: 1 } });
  });
});

describe('call-offs outside the contract term', () => {
  const award = { procurementId: 'pr', contractId: 'c1', buyerPartyId: 'gemeente-a', supplierPartyId: 'leverancier', procedure: 'european', ceilingCents: 9_000_000, termStart: '2024-03-01', termEnd: '2024-06-30' };

  function contracted(): Journal {
    const journal = new Journal();
    municipality(journal);
    journal.append('procurement-pr', 'ContractAwarded', award, '2024-02-15');
    journal.append('contract-c1', 'ContractAwarded', award, '2024-02-15');
    return journal;
  }

  const callOff = (journal: Journal, purchaseId: string, totalCents: number, date: string) =>
    journal.append(`purchase-${purchaseId}`, 'TrajectoriesPurchased', { purchaseId, budgetId: 'b1', contractId: 'c1', supplierPartyId: 'leverancier', count: 1, unitPriceCents: totalCents, totalCents, targetGroup: 'Groep' }, date);
  const outside = (journal: Journal, asOf?: number, on?: string) => journal.list({ kind: 'call-off-outside-term' }, asOf, on).findings;

  it('finds call-offs dated before the term starts or after it ends, names them and counts what they commit; those within are none', () => {
    const journal = contracted();
    const early = callOff(journal, 'o1', 100_000, '2024-02-20');
    callOff(journal, 'o2', 200_000, '2024-04-01');
    const late = callOff(journal, 'o3', 300_000, '2024-07-01');
    const [finding] = outside(journal);
    expect(finding).toMatchObject({
      id: 'call-off-outside-term:c1',
      entity: { streamId: 'contract-c1' },
      date: '2024-07-01',
      detail: { termStart: '2024-03-01', termEnd: '2024-06-30', endedOn: null, calledOffOutside: '4000.00', offendingEvents: 2, budgetIds: ['b1'] },
    });
    expect(finding.events.map((e) => e.position)).toEqual(expect.arrayContaining([early.position, late.position]));
    expect(finding.events.map((e) => e.position)).not.toContain(early.position + 1);
    // On a date before the late call-off: only the early one.
    expect(outside(journal, undefined, '2024-05-01')[0]).toMatchObject({ detail: { calledOffOutside: '1000.00', offendingEvents: 1 } });
  });

  it('counts from the day a contract was ended (none once the end is reversed), follows an amended term, and drops an order cancelled since', () => {
    const journal = contracted();
    callOff(journal, 'o1', 100_000, '2024-05-15');
    callOff(journal, 'o0', 50_000, '2024-05-01');
    expect(outside(journal)).toEqual([]);
    // Ended on 1 May: that day is its last, the call-off of the fifteenth is outside.
    const ended = journal.append('contract-c1', 'ContractEnded', { contractId: 'c1', reason: 'Opgezegd' }, '2024-05-01');
    expect(outside(journal)[0]).toMatchObject({ detail: { endedOn: '2024-05-01', calledOffOutside: '1000.00', offendingEvents: 1 } });
    // Known as of before the end: none.
    expect(outside(journal, ended.position - 1)).toEqual([]);
    journal.append('contract-c1', 'EntryReversed', { reversalId: 'r1', reversedEventId: ended.id, reversedEventType: 'ContractEnded', reason: 'Opzegging ingetrokken' }, '2024-05-20');
    expect(outside(journal)).toEqual([]);
    // Extended until 31 December by an amendment: a call-off in August is within; one in January next year is not.
    journal.append('contract-c1', 'ContractAmended', { contractId: 'c1', amendmentId: 'a1', ceilingCents: 9_000_000, termEnd: '2024-12-31', reason: 'Optie gelicht' }, '2024-06-15');
    callOff(journal, 'o2', 200_000, '2024-08-01');
    callOff(journal, 'o3', 300_000, '2025-01-10');
    expect(outside(journal)[0]).toMatchObject({ detail: { termEnd: '2024-12-31', calledOffOutside: '3000.00', offendingEvents: 1 } });
    journal.append('purchase-o3', 'PurchaseCancelled', { purchaseId: 'o3', reason: 'Buiten contract' }, '2025-01-12');
    expect(outside(journal)).toEqual([]);
  });

  it('counts a call-off dated before the award as outside, though within the term the award set', () => {
    const journal = new Journal();
    municipality(journal);
    // Awarded on 15 March for a term from 1 March: an order of 5 March had no contract to be bought under.
    const retroactive = { ...award, termStart: '2024-03-01' };
    journal.append('procurement-pr', 'ContractAwarded', retroactive, '2024-03-15');
    journal.append('contract-c1', 'ContractAwarded', retroactive, '2024-03-15');
    const before = callOff(journal, 'o1', 100_000, '2024-03-05');
    callOff(journal, 'o2', 200_000, '2024-03-15');
    const [finding] = outside(journal);
    expect(finding).toMatchObject({ detail: { termStart: '2024-03-01', awardedOn: '2024-03-15', coveredFrom: '2024-03-15', calledOffOutside: '1000.00', offendingEvents: 1 } });
    expect(finding.events.map((e) => e.position)).toContain(before.position);
  });

  it('does not let an extension agreed after the term had ended cover the call-offs after the old end', () => {
    const journal = contracted();
    const late = callOff(journal, 'o1', 100_000, '2024-07-15');
    expect(outside(journal)[0]).toMatchObject({ detail: { calledOffOutside: '1000.00' } });
    // Extended on 1 August, a month after the term had ended on 30 June: a new award, not an amendment.
    journal.append('contract-c1', 'ContractAmended', { contractId: 'c1', amendmentId: 'a1', ceilingCents: 9_000_000, termEnd: '2024-12-31', reason: 'Verlengd' }, '2024-08-01');
    callOff(journal, 'o2', 200_000, '2024-09-01');
    const [finding] = outside(journal);
    expect(finding).toMatchObject({
      detail: { termEnd: '2024-12-31', coveredUntil: '2024-06-30', extendedAfterEndOn: '2024-08-01', calledOffOutside: '3000.00', offendingEvents: 2 },
    });
    expect(finding.events.map((e) => e.position)).toContain(late.position);
    // The same extension agreed on the term's last day counts: nothing is outside.
    const inTime = contracted();
    callOff(inTime, 'o1', 100_000, '2024-07-15');
    inTime.append('contract-c1', 'ContractAmended', { contractId: 'c1', amendmentId: 'a1', ceilingCents: 9_000_000, termEnd: '2024-12-31', reason: 'Verlengd' }, '2024-06-30');
    expect(outside(inTime)).toEqual([]);
  });
});

describe('taakveld unknown', () => {
  it("arises on the budget's opening date: listed on dates from then on and in that year, not on a date before", () => {
    const journal = new Journal();
    municipality(journal);
    // A budget of fiscal year 2028, opened on 1 October 2027, on a taakveld no catalogue lists.
    journal.append('budget-b28', 'BudgetOpened', { budgetId: 'b28', ownerPartyId: 'gemeente-a', name: 'Later', fiscalYear: 2028, taakveld: '9.99' }, '2027-10-01');
    const found = (on?: string, filter: FindingsFilter = {}) =>
      journal.list({ kind: 'taakveld-unknown', ...filter }, undefined, on).findings.map((f) => [f.id, f.date]);
    const dated = [['taakveld-unknown:b28', '2027-10-01']];
    expect(found()).toEqual(dated);
    expect(found('2027-10-01')).toEqual(dated);
    expect(found('2028-06-30')).toEqual(dated);
    expect(found('2025-10-31')).toEqual([]);
    expect(found(undefined, { year: 2027 })).toEqual(dated);
    expect(found('2028-06-30', { year: 2027 })).toEqual(dated);
    expect(found(undefined, { year: 2025 })).toEqual([]);
  });
});

describe('what a finding touches', () => {
  it("touches the budgets a contract's call-offs were charged to, from the call-off on, and their owners", () => {
    const journal = new Journal();
    municipality(journal);
    journal.append('budget-b2', 'BudgetOpened', { budgetId: 'b2', ownerPartyId: 'gemeente-b', name: 'Regio', fiscalYear: 2024, taakveld: '6.4' }, '2024-01-01');
    journal.append('budget-b2', 'BudgetFunded', { budgetId: 'b2', fundingId: 'f1', source: 'own-means', funderPartyId: 'gemeente-b', amountCents: 10_000_000 }, '2024-01-01');
    // 80.000 bought with one quote, where the inkoopbeleid asks for more from 50.000.
    const award = { procurementId: 'pr', contractId: 'c1', buyerPartyId: 'gemeente-a', supplierPartyId: 'leverancier', procedure: 'single-quote', ceilingCents: 8_000_000, termStart: '2024-01-01', termEnd: '2024-12-31' };
    journal.append('procurement-pr', 'ContractAwarded', award, '2024-01-10');
    journal.append('contract-c1', 'ContractAwarded', award, '2024-01-10');
    const callOff = (purchaseId: string, budgetId: string, date: string) =>
      journal.append(`purchase-${purchaseId}`, 'TrajectoriesPurchased', { purchaseId, budgetId, contractId: 'c1', supplierPartyId: 'leverancier', count: 1, unitPriceCents: 100_000, totalCents: 100_000, targetGroup: 'Groep' }, date);
    callOff('o1', 'b1', '2024-02-01');
    const beforeSecondBudget = journal.events.length;
    callOff('o2', 'b2', '2024-03-01');
    const tooLight = (filter: FindingsFilter, asOf?: number) => journal.list({ kind: 'procedure-too-light', ...filter }, asOf).count;
    expect(journal.list({ kind: 'procedure-too-light' }).findings[0].detail.budgetIds).toEqual(['b1', 'b2']);
    expect([tooLight({ entity: 'budget-b1' }), tooLight({ entity: 'budget-b2' }), tooLight({ party: 'gemeente-b' })]).toEqual([1, 1, 1]);
    // As known before b2 was charged: b1's alone.
    expect([tooLight({ entity: 'budget-b1' }, beforeSecondBudget), tooLight({ entity: 'budget-b2' }, beforeSecondBudget)]).toEqual([1, 0]);
    // On a date before the second call-off: derived at the cut, the same.
    expect(journal.list({ kind: 'procedure-too-light', entity: 'budget-b2' }, undefined, '2024-02-15').count).toBe(0);
  });

  it("does not touch the budget a transfer came from: the receiving budget's overrun is not the sender's", () => {
    const journal = new Journal();
    municipality(journal);
    journal.append('budget-b2', 'BudgetOpened', { budgetId: 'b2', ownerPartyId: 'gemeente-a', name: 'Regio', fiscalYear: 2024, taakveld: '6.4' }, '2024-01-01');
    journal.append('budget-b1', 'BudgetTransferredOut', { budgetId: 'b1', transferId: 't1', toBudgetId: 'b2', amountCents: 100_000 }, '2024-02-01');
    journal.append('budget-b2', 'BudgetTransferredIn', { budgetId: 'b2', transferId: 't1', fromBudgetId: 'b1', amountCents: 100_000 }, '2024-02-01');
    journal.append('purchase-o1', 'TrajectoriesPurchased', { purchaseId: 'o1', budgetId: 'b2', supplierPartyId: 'leverancier', count: 1, unitPriceCents: 150_000, totalCents: 150_000, targetGroup: 'Groep' }, '2024-03-01');
    const [overrun] = journal.list({ kind: 'budget-overrun' }).findings;
    expect(overrun).toMatchObject({ entity: { streamId: 'budget-b2' }, detail: { currentAmount: '1000.00', overrun: '500.00' } });
    // It names the transfer that set b2's amount, and touches b2 alone.
    expect(overrun.events.map((e) => e.type)).toContain('BudgetTransferredIn');
    expect(journal.list({ kind: 'budget-overrun', entity: 'budget-b2' }).count).toBe(1);
    expect(journal.list({ kind: 'budget-overrun', entity: 'budget-b1' }).count).toBe(0);
    expect(journal.list({ kind: 'budget-overrun', entity: 'budget-b1' }, undefined, '2024-12-31').count).toBe(0);
  });
});

describe('reviews and filters', () => {
  function overrun(journal: Journal): void {
    municipality(journal);
    order(journal, 'o1', 120_000, '2024-02-01');
  }

  function review(journal: Journal, state: string, note: string, date: string): RecordedEvent {
    const findingId = 'line-overrun:b1:coaching';
    return journal.append('finding-0123456789abcdef0123456789abcdef', 'FindingReviewed', { findingId, reviewId: randomUUID(), state, note }, date);
  }

  it('lists each finding with its latest review, who recorded it, and whether the finding changed since', () => {
    const journal = new Journal();
    overrun(journal);
    expect(journal.list().findings[0].review).toBeNull();
    review(journal, 'explained', 'Extra uren goedgekeurd door wethouder', '2024-03-01');
    review(journal, 'accepted', 'Begrotingswijziging volgt', '2024-03-10');
    const reviewed = journal.list().findings.find((f) => f.kind === 'line-overrun')!;
    expect(reviewed.review).toMatchObject({ state: 'accepted', note: 'Begrotingswijziging volgt', on: '2024-03-10', actor: 'controller-anna', stale: false, reviews: 2 });
    // Reviewed on a business date: before it, the finding was open.
    const earlier = journal.list({}, undefined, '2024-03-05').findings.find((f) => f.kind === 'line-overrun')!;
    expect(earlier.review).toMatchObject({ state: 'explained', reviews: 1 });

    // The overrun grows after the review: the review stands, but the finding has changed since.
    order(journal, 'o2', 10_000, '2024-04-01');
    expect(journal.list().findings.find((f) => f.kind === 'line-overrun')!.review).toMatchObject({ state: 'accepted', stale: true });
  });

  it('filters by review state, kind, entity, party and year, and pages', () => {
    const journal = new Journal();
    overrun(journal);
    // A second finding of another kind, in another year: a payment with no order visible.
    journal.append('purchase-o9', 'PurchasePaid', { purchaseId: 'o9', budgetId: 'b1', supplierPartyId: 'leverancier', paymentId: 'p9', amountCents: 5_000 }, '2025-01-15');
    expect(journal.list().count).toBe(2);
    review(journal, 'to-be-corrected', 'Verkeerde regel', '2024-05-01');
    const ids = (filter: FindingsFilter) => journal.list(filter).findings.map((f) => f.kind);
    expect(ids({ review: 'to-be-corrected' })).toEqual(['line-overrun']);
    expect(ids({ review: 'reviewed' })).toEqual(['line-overrun']);
    expect(ids({ review: 'open' })).toEqual(['payment-without-commitment']);
    expect(ids({ review: 'accepted' })).toEqual([]);
    expect(ids({ year: 2025 })).toEqual(['payment-without-commitment']);
    expect(ids({ year: 2024 })).toEqual(['line-overrun']);
    expect(ids({ entity: 'programme-p1' })).toEqual(['line-overrun']);
    expect(ids({ entity: 'purchase-o9' })).toEqual(['payment-without-commitment']);
    expect(ids({ party: 'leverancier' }).sort()).toEqual(['line-overrun', 'payment-without-commitment']);
    // The buyer: the owner of the budget charged.
    expect(ids({ party: 'gemeente-a' }).sort()).toEqual(['line-overrun', 'payment-without-commitment']);
    expect(ids({ party: 'gemeente-b' })).toEqual([]);
    const first = journal.list({ limit: 1 });
    expect([first.count, first.findings.length, first.next]).toEqual([2, 1, 1]);
    expect(journal.list({ limit: 1, offset: 1 }).next).toBeNull();
    // The same filters as known at an earlier position, and derived on a date.
    const at = journal.events.length;
    expect(journal.list({ review: 'open' }, at).findings.map((f) => f.kind)).toEqual(['payment-without-commitment']);
    expect(journal.list({ entity: 'programme-p1' }, at, '2024-12-31').findings.map((f) => f.kind)).toEqual(['line-overrun']);
  });

  it("gives an entity's own answer its findings: how many, of which kinds, the first few", () => {
    const journal = new Journal();
    overrun(journal);
    const cut = journal.reader.resolveCut();
    expect(findingsOf(journal.reader, cut, RULES, 'budget-b1')).toMatchObject({ count: 1, byKind: { 'line-overrun': 1 } });
    expect(findingsOf(journal.reader, cut, RULES, 'programme-p1').count).toBe(1);
    expect(findingsOf(journal.reader, cut, RULES, 'party-gemeente-b').count).toBe(0);
  });
});

describe('split purchases', () => {
  /** The split-purchase findings as kept now, and as derived again from the orders at a date after them all. */
  const keptAndDerived = (journal: Journal) => {
    const strip = (answer: ReturnType<Journal['list']>) => answer.findings.map(({ review: _review, ...finding }) => finding);
    return [strip(journal.list({ kind: 'split-purchase' })), strip(journal.list({ kind: 'split-purchase' }, undefined, '2099-12-31'))];
  };

  it('counts every part of a group of many orders but names the first and the last; kept order by order as derived from all', () => {
    const journal = new Journal();
    municipality(journal);
    const orders: RecordedEvent[] = [];
    for (let i = 0; i < 30; i += 1) orders.push(order(journal, `o${i}`, 400_000, `2024-02-${String(1 + (i % 28)).padStart(2, '0')}`));
    const [kept, derivedAgain] = keptAndDerived(journal);
    expect(kept).toEqual(derivedAgain);
    expect(kept).toHaveLength(1);
    const [found] = kept;
    expect(found).toMatchObject({
      id: 'split-purchase:leverancier:gemeente-a:2024',
      date: '2024-02-28',
      detail: { purchases: 30, contracts: 0, total: '120000.00', purchasesNotNamed: 10, threshold: '50000.00' },
    });
    expect(found.events).toHaveLength(20);
    // Named in business order: the first 19 by date and the latest (28 February), listed by position.
    const named = found.events.map((e) => e.eventId);
    expect(named).toContain(orders[27].id);
    expect(named).toContain(orders[0].id);
    expect(named).not.toContain(orders[26].id);

    // An order cancelled, one reversed, one backdated into January: still the same both ways.
    journal.append('purchase-o3', 'PurchaseCancelled', { purchaseId: 'o3', reason: 'Niet nodig' }, '2024-03-01');
    journal.append('purchase-o4', 'EntryReversed', { reversalId: 'r1', reversedEventId: orders[4].id, reversedEventType: 'TrajectoriesPurchased', reason: 'Dubbel' }, '2024-03-02');
    const early = order(journal, 'o-early', 400_000, '2024-01-15');
    const [keptAfter, derivedAfter] = keptAndDerived(journal);
    expect(keptAfter).toEqual(derivedAfter);
    expect(keptAfter[0].detail).toMatchObject({ purchases: 29, total: '116000.00', purchasesNotNamed: 9 });
    expect(keptAfter[0].events.map((e) => e.eventId)).toContain(early.id);
  });

  it('names the first parts and the last past orders above the threshold, one exactly at it a part, kept as derived from all', () => {
    const journal = new Journal();
    municipality(journal);
    // Orders above the single-quote threshold first and last in business order, between the parts.
    const above = [order(journal, 'big-first', 6_000_000, '2024-01-02'), order(journal, 'big-last', 6_000_000, '2024-12-30')];
    const parts: RecordedEvent[] = [];
    for (let i = 0; i < 24; i += 1) {
      if (i % 6 === 0) above.push(order(journal, `big-${i}`, 7_000_000, `2024-03-${String(1 + i).padStart(2, '0')}`));
      parts.push(order(journal, `o${i}`, 300_000, `2024-03-${String(1 + i).padStart(2, '0')}`));
    }
    const atThreshold = order(journal, 'at', 5_000_000, '2024-11-01');
    const [kept, derivedAgain] = keptAndDerived(journal);
    expect(kept).toEqual(derivedAgain);
    expect(kept[0].detail).toMatchObject({ purchases: 25, total: '122000.00', purchasesNotNamed: 5 });
    const named = kept[0].events.map((e) => e.eventId);
    expect(named).toContain(parts[0].id);
    expect(named).toContain(parts[18].id);
    expect(named).not.toContain(parts[19].id);
    // The last part in business order is the one exactly at the threshold, not an order above it.
    expect(named).toContain(atThreshold.id);
    for (const order of above) expect(named).not.toContain(order.id);
  });

  it('is no finding while the parts stay under the threshold together, nor for one order above it', () => {
    const journal = new Journal();
    municipality(journal);
    for (let i = 0; i < 12; i += 1) order(journal, `o${i}`, 400_000, '2024-02-01');
    expect(journal.list({ kind: 'split-purchase' }).count).toBe(0);
    order(journal, 'big', 6_000_000, '2024-02-02');
    expect(journal.list({ kind: 'split-purchase' }).count).toBe(0);
    order(journal, 'o12', 400_000, '2024-02-03');
    const [kept, derivedAgain] = keptAndDerived(journal);
    expect(kept).toEqual(derivedAgain);
    expect(kept[0].detail).toMatchObject({ purchases: 13, total: '52000.00' });
  });

  it('is never found for a collective party (the creditors an import gathers under one), which is no one supplier', () => {
    const journal = new Journal();
    municipality(journal);
    journal.append('party-overige-crediteuren', 'PartyRegistered', { partyId: 'overige-crediteuren', name: 'Overige crediteuren', kind: 'collective' }, '2024-01-01');
    for (let i = 0; i < 40; i += 1) {
      journal.append(`purchase-c${i}`, 'TrajectoriesPurchased', {
        purchaseId: `c${i}`, budgetId: 'b1', supplierPartyId: i % 2 === 0 ? 'overige-crediteuren' : 'leverancier', count: 1, unitPriceCents: 400_000, totalCents: 400_000, targetGroup: 'Groep',
      }, '2024-02-01');
    }
    const [kept, derivedAgain] = keptAndDerived(journal);
    expect(kept).toEqual(derivedAgain);
    // The same twenty orders (80.000 in all) to one company are a split purchase; to the collective party, none.
    expect(kept.map((f) => f.detail.supplierPartyId)).toEqual(['leverancier']);
  });
});
