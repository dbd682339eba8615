// Random ledgers for property tests of the read side: parties, budgets with lines, fundings (some
// earmarked), amendments, transfers with their mirrors, grants, purchases (in several units) and
// expenses of every kind through their whole lives, reviews of findings, documents attached, contracts with amendments, programmes with participants, outcomes and ends, and reversals
// of any of it (with the mirror's reversal where the design writes one). Business dates are drawn
// at random, so events come out of business order as they do when recorders catch up. Events are
// made as the store would give them back, without a store: the read side is what is tested.
import { randomUUID } from 'node:crypto';
import { CURRENT_HASH_SCHEME, type JsonObject, type RecordedEvent } from '@geldstroom/event-store';

export type Random = () => number;

/** A small seeded generator (mulberry32): the same seed gives the same ledger. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MUNICIPALITIES = ['gemeente-a', 'gemeente-b', 'gemeente-c'];
const SUPPLIERS = ['leverancier-x', 'leverancier-y'];
const FUNDERS = ['rijk', ...MUNICIPALITIES];

interface Spending {
  readonly kind: 'grant' | 'purchase' | 'expense';
  readonly id: string;
  readonly charge: JsonObject;
  payments: number;
}

export class RandomLedger {
  readonly events: RecordedEvent[] = [];
  private readonly streams = new Map<string, number>();
  private readonly budgets: { id: string; owner: string }[] = [];
  private readonly programmes: string[] = [];
  private readonly spending: Spending[] = [];
  private readonly contracts: { id: string; supplier: string; award: RecordedEvent; mirror: RecordedEvent }[] = [];
  private readonly transfers: { out: RecordedEvent; in: RecordedEvent }[] = [];
  private readonly reversed = new Set<string>();
  private clock = Date.UTC(2025, 0, 1);

  constructor(private readonly random: Random) {}

  /** A ledger of about `size` events. */
  build(size: number): RecordedEvent[] {
    for (const partyId of [...FUNDERS, ...SUPPLIERS]) {
      this.append(`party-${partyId}`, 'PartyRegistered', { partyId, name: `Partij ${partyId}`, kind: partyId === 'rijk' ? 'central-government' : 'municipality' }, '2024-01-01');
    }
    for (let b = 0; b < 4; b += 1) this.openBudget(`budget-${b}`, this.pick(MUNICIPALITIES));
    for (let p = 0; p < 3; p += 1) this.launchProgramme(`programme-${p}`);
    while (this.events.length < size) this.step();
    return this.events;
  }

  private step(): void {
    const roll = this.random();
    if (roll < 0.12) this.fund();
    else if (roll < 0.16) this.amend();
    else if (roll < 0.2) this.allocate();
    else if (roll < 0.27) this.transfer();
    else if (roll < 0.35) this.award();
    else if (roll < 0.39) this.order();
    else if (roll < 0.43) this.expense();
    else if (roll < 0.62) this.pay();
    else if (roll < 0.68) this.settleOrInvoice();
    else if (roll < 0.71) this.close();
    else if (roll < 0.76) this.contract();
    else if (roll < 0.8) this.programmeEvent();
    else if (roll < 0.9) this.reverse();
    else if (roll < 0.92) this.paperwork();
    else this.pay();
  }

  private openBudget(budgetId: string, owner: string): void {
    this.budgets.push({ id: budgetId, owner });
    // 6.71 has no place in 2024's Iv3 catalogue: a finding.
    this.append(`budget-${budgetId}`, 'BudgetOpened', { budgetId, ownerPartyId: owner, name: `Begroting ${budgetId}`, fiscalYear: 2024, taakveld: this.pick(['6.4', '6.5', '6.71']) }, '2024-01-01');
  }

  private launchProgramme(programmeId: string): void {
    this.programmes.push(programmeId);
    this.append(`programme-${programmeId}`, 'ProgrammeLaunched', { programmeId, ownerPartyId: this.pick(MUNICIPALITIES), name: `Programma ${programmeId}`, normBand: { minCents: 200_000, maxCents: 240_000 } }, '2024-01-02');
  }

  private fund(): void {
    const budget = this.pick(this.budgets);
    const funder = this.random() < 0.5 ? budget.owner : this.pick(FUNDERS);
    const earmark: JsonObject = this.random() < 0.25 ? { earmarkProgrammeId: this.pick(this.programmes) } : {};
    // Money under a regulation is kept apart in who paid.
    const regulation: JsonObject = funder !== budget.owner && this.random() < 0.5 ? { regulationCode: this.pick(['SZW/G2', 'SZW/G3']) } : {};
    this.append(`budget-${budget.id}`, 'BudgetFunded', {
      budgetId: budget.id, fundingId: this.id('f'), source: funder === budget.owner ? 'own-means' : 'outside-funder', funderPartyId: funder, amountCents: this.amount(), ...earmark, ...regulation,
    });
  }

  private amend(): void {
    const budget = this.pick(this.budgets);
    this.append(`budget-${budget.id}`, 'BudgetAmended', { budgetId: budget.id, amendmentId: this.id('w'), amountCents: this.amount() * (this.random() < 0.3 ? -1 : 1), reason: 'Wijziging' });
  }

  private allocate(): void {
    const budget = this.pick(this.budgets);
    this.append(`budget-${budget.id}`, 'BudgetAllocated', { budgetId: budget.id, lineId: this.pick(['regel-1', 'regel-2']), description: `Regel ${this.id('r')}`, amountCents: this.amount() });
  }

  private transfer(): void {
    const [from, to] = [this.pick(this.budgets), this.pick(this.budgets)];
    if (from.id === to.id) return;
    const transferId = this.id('t');
    const earmark: JsonObject = this.random() < 0.3 ? { earmarkProgrammeId: this.pick(this.programmes) } : {};
    const date = this.date();
    const amountCents = this.amount();
    const out = this.append(`budget-${from.id}`, 'BudgetTransferredOut', { budgetId: from.id, transferId, toBudgetId: to.id, amountCents, ...earmark }, date);
    const mirror = this.append(`budget-${to.id}`, 'BudgetTransferredIn', { budgetId: to.id, transferId, fromBudgetId: from.id, amountCents, ...earmark }, date, { mirrorOf: { streamId: out.streamId, eventId: out.id } });
    this.transfers.push({ out, in: mirror });
  }

  private charge(): JsonObject {
    const programme: JsonObject = this.random() < 0.8 ? { programmeId: this.pick(this.programmes) } : {};
    const line: JsonObject = this.random() < 0.5 ? { budgetLineId: this.pick(['regel-1', 'regel-2']) } : {};
    return { budgetId: this.pick(this.budgets).id, ...programme, ...line };
  }

  private award(): void {
    const grantId = this.id('g');
    const charge = { ...this.charge(), recipientPartyId: this.pick(SUPPLIERS) };
    this.spending.push({ kind: 'grant', id: grantId, charge, payments: 0 });
    this.append(`grant-${grantId}`, 'GrantAwarded', { grantId, ...charge, amountCents: this.amount() });
  }

  private order(): void {
    const purchaseId = this.id('i');
    const contract = this.contracts.length > 0 && this.random() < 0.4 ? this.pick(this.contracts) : undefined;
    const charge = { ...this.charge(), supplierPartyId: contract?.supplier ?? this.pick(SUPPLIERS), ...(contract ? { contractId: contract.id } : {}) };
    this.spending.push({ kind: 'purchase', id: purchaseId, charge, payments: 0 });
    const count = 1 + Math.floor(this.random() * 5);
    const unitPriceCents = this.amount();
    const unit: JsonObject = this.random() < 0.5 ? {} : { unit: this.pick(['trajectory', 'hour', 'month', 'participant', 'lump-sum']) };
    this.append(`purchase-${purchaseId}`, 'TrajectoriesPurchased', { purchaseId, ...charge, count, ...unit, unitPriceCents, totalCents: count * unitPriceCents, targetGroup: 'Groep' });
  }

  /** An expense committed (later invoiced and paid), or booked at once as own salaries are. */
  private expense(): void {
    const expenseId = this.id('e');
    const kind = this.pick(['personnel', 'hired-staff', 'operating', 'wage-cost-subsidy', 'contribution', 'other']);
    const charge = { ...this.charge(), kind, payeePartyId: this.pick([...SUPPLIERS, ...MUNICIPALITIES]) };
    this.spending.push({ kind: 'expense', id: expenseId, charge, payments: 0 });
    if (this.random() < 0.3) {
      this.append(`expense-${expenseId}`, 'ExpenseBooked', { expenseId, ...charge, bookingId: this.id('eb'), description: 'Salarissen', amountCents: this.amount() });
    } else {
      this.append(`expense-${expenseId}`, 'ExpenseCommitted', { expenseId, ...charge, description: 'Kosten', amountCents: this.amount() });
    }
  }

  /** A review of a finding, or a document attached to an event: facts that move no money. */
  private paperwork(): void {
    if (this.random() < 0.5) {
      const reviewId = this.id('rv');
      const findingId = `line-overrun:${this.pick(this.budgets).id}:regel-1`;
      this.append(`finding-${findingId}`, 'FindingReviewed', { findingId, reviewId, state: this.pick(['explained', 'accepted', 'to-be-corrected', 'escalated']), note: 'Toegelicht' });
      return;
    }
    const target = this.pick(this.events);
    const documentId = this.id('doc');
    this.append(`document-${documentId}`, 'DocumentAttached', {
      documentId, supportsEventId: target.id, supportsStreamId: target.streamId, contentHash: 'ab'.repeat(32), name: 'besluit.pdf', contentType: 'application/pdf', sizeBytes: 1234,
    });
  }

  private pay(): void {
    if (this.spending.length === 0) return;
    const entity = this.pick(this.spending);
    entity.payments += 1;
    if (entity.kind === 'grant') {
      const reclaim = entity.payments > 1 && this.random() < 0.25;
      const type = reclaim ? 'GrantReclaimed' : 'GrantAdvancePaid';
      const extra: JsonObject = reclaim ? { reclaimId: this.id('tv'), reason: 'Terug' } : { paymentId: this.id('b'), ...this.flagged(['paid-above-granted', 'paid-above-settled']) };
      this.append(`grant-${entity.id}`, type, { grantId: entity.id, ...entity.charge, ...extra, amountCents: Math.ceil(this.amount() / 3) });
    } else if (entity.kind === 'purchase') {
      const flags = this.flagged(['paid-above-invoiced', 'paid-above-total']);
      this.append(`purchase-${entity.id}`, 'PurchasePaid', { purchaseId: entity.id, ...entity.charge, paymentId: this.id('b'), amountCents: Math.ceil(this.amount() / 2), ...flags });
    } else if (this.random() < 0.15) {
      // More ordered on the expense (its business date may come before the commitment's).
      this.append(`expense-${entity.id}`, 'ExpenseCommitmentRaised', { expenseId: entity.id, ...entity.charge, commitmentId: this.id('vh'), description: 'Meerwerk', amountCents: Math.ceil(this.amount() / 2) });
    } else if (this.random() < 0.2) {
      this.append(`expense-${entity.id}`, 'ExpenseBooked', { expenseId: entity.id, ...entity.charge, bookingId: this.id('eb'), description: 'Salarissen', amountCents: Math.ceil(this.amount() / 2) });
    } else {
      this.append(`expense-${entity.id}`, 'ExpensePaid', { expenseId: entity.id, ...entity.charge, paymentId: this.id('b'), amountCents: Math.ceil(this.amount() / 2) });
    }
  }

  /**
   * A payment's flags as a decider may have set them: whether the entity is past the limit is for
   * the read side to work out (findings/excess.ts), in business order, whatever came later.
   */
  private flagged(flags: readonly string[]): JsonObject {
    return this.random() < 0.4 ? { flags: flags.filter(() => this.random() < 0.7) } : {};
  }

  private settleOrInvoice(): void {
    if (this.spending.length === 0) return;
    const entity = this.pick(this.spending);
    if (entity.kind === 'grant') {
      this.append(`grant-${entity.id}`, 'GrantSettled', { grantId: entity.id, ...entity.charge, settlementId: this.id('v'), settledAmountCents: this.amount() });
    } else {
      const type = entity.kind === 'purchase' ? 'PurchaseInvoiced' : 'ExpenseInvoiced';
      const key: JsonObject = entity.kind === 'purchase' ? { purchaseId: entity.id } : { expenseId: entity.id };
      this.append(`${entity.kind}-${entity.id}`, type, { ...key, ...entity.charge, invoiceId: this.id('fa'), amountCents: this.amount() });
    }
  }

  private close(): void {
    if (this.spending.length === 0) return;
    const entity = this.pick(this.spending);
    if (entity.kind === 'grant') this.append(`grant-${entity.id}`, 'GrantWithdrawn', { grantId: entity.id, withdrawalId: this.id('in'), reason: 'Ingetrokken' });
    else if (entity.kind === 'purchase') this.append(`purchase-${entity.id}`, 'PurchaseCancelled', { purchaseId: entity.id, reason: 'Geannuleerd' });
    else this.append(`expense-${entity.id}`, 'ExpenseCancelled', { expenseId: entity.id, reason: 'Geannuleerd' });
  }

  private contract(): void {
    if (this.contracts.length > 0 && this.random() < 0.5) {
      const contract = this.pick(this.contracts);
      if (this.random() < 0.7) this.append(`contract-${contract.id}`, 'ContractAmended', { contractId: contract.id, amendmentId: this.id('cw'), ceilingCents: this.amount() * 3, reason: 'Meer' });
      else this.append(`contract-${contract.id}`, 'ContractEnded', { contractId: contract.id, reason: 'Klaar' });
      return;
    }
    const [contractId, procurementId, supplier] = [this.id('c'), this.id('a'), this.pick(SUPPLIERS)];
    const data = {
      procurementId, contractId, buyerPartyId: this.pick(MUNICIPALITIES), supplierPartyId: supplier, procedure: this.pick(['single-quote', 'multiple-quote', 'european']),
      ceilingCents: this.amount() * 2, termStart: '2024-01-01', termEnd: '2024-12-31', optionMonths: Math.floor(this.random() * 12),
    };
    const date = this.date();
    const award = this.append(`procurement-${procurementId}`, 'ContractAwarded', data, date);
    const mirror = this.append(`contract-${contractId}`, 'ContractAwarded', data, date, { mirrorOf: { streamId: award.streamId, eventId: award.id } });
    this.contracts.push({ id: contractId, supplier, award, mirror });
  }

  private programmeEvent(): void {
    const programmeId = this.pick(this.programmes);
    const roll = this.random();
    if (roll < 0.5) this.append(`programme-${programmeId}`, 'ParticipantsEnrolled', { programmeId, enrolmentId: this.id('d'), count: 1 + Math.floor(this.random() * 20) });
    else if (roll < 0.85) this.append(`programme-${programmeId}`, 'OutcomesRecorded', { programmeId, outcomeId: this.id('u'), kind: this.pick(['work', 'education', 'other']), count: 1 + Math.floor(this.random() * 5) });
    else this.append(`programme-${programmeId}`, 'ProgrammeEnded', { programmeId, reason: 'Klaar', continued: this.random() < 0.5 });
  }

  /** Reverses an earlier event that is not a reversal, a mirror or reversed already. */
  private reverse(): void {
    const candidates = this.events.filter((e) => e.type !== 'EntryReversed' && e.metadata.mirrorOf === undefined && !this.reversed.has(e.id) && e.type !== 'PartyRegistered');
    if (candidates.length === 0) return;
    const target = this.pick(candidates);
    this.reversed.add(target.id);
    const date = this.date();
    const reversalId = this.id('h');
    this.append(target.streamId, 'EntryReversed', { reversalId, reversedEventId: target.id, reversedEventType: target.type, reason: 'Herstel' }, date);
    const mirror = this.transfers.find((t) => t.out.id === target.id)?.in ?? this.contracts.find((c) => c.award.id === target.id)?.mirror;
    if (mirror) {
      this.append(mirror.streamId, 'EntryReversed', { reversalId, reversedEventType: mirror.type, reversedEventKey: 'key', originEventId: target.id, reason: 'Herstel' }, date);
    }
  }

  private append(streamId: string, type: string, data: JsonObject, date = this.date(), metadata: JsonObject = {}): RecordedEvent {
    const revision = (this.streams.get(streamId) ?? -1) + 1;
    this.streams.set(streamId, revision);
    this.clock += 1 + Math.floor(this.random() * 1000);
    const event: RecordedEvent = {
      id: randomUUID(),
      streamId,
      revision,
      position: this.events.length + 1,
      type,
      data: { ...data, effectiveDate: date },
      metadata: { actor: 'test', sourceReference: `bron ${this.events.length + 1}`, schemaVersion: 1, ...metadata },
      recordedAt: new Date(this.clock).toISOString(),
      hash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
      previousHash: '0'.repeat(64),
      hashScheme: CURRENT_HASH_SCHEME,
    };
    this.events.push(event);
    return event;
  }

  private date(): string {
    const day = 1 + Math.floor(this.random() * 360);
    return new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
  }

  private amount(): number {
    return 1 + Math.floor(this.random() * 1_000_000);
  }

  private id(prefix: string): string {
    return `${prefix}-${this.events.length}-${Math.floor(this.random() * 1e6)}`;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}
