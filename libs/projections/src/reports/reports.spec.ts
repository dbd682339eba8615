// The reports on read models the writer keeps, fed events as the store gives them back: what a
// flag's afwijking is when an entity went past its limit more than once, how a contribution by
// expense and one by transfer land in the own view and the Iv3 matrix, what a funding under a
// regulation keeps apart from the same funder's other money, and what then-and-now compares.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_HASH_SCHEME, type JsonObject, type RecordedEvent } from '@geldstroom/event-store';
import { ReadModelWriter } from '../engine/read-model-writer';
import { REPOSITORY_CONFIG_DIR, repositoryFindingRules } from '../findings/rules';
import { LedgerReader } from '../queries/reader';
import { findings } from '../queries/findings';
import { budgetExecution } from '../queries/budget-execution';
import { programmeCost } from '../queries/programme-cost';
import { partySpending } from '../queries/spending';
import { ReadStore } from '../store/read-store';
import { fundingAccountability } from './funding-accountability';
import { iv3Matrix } from './iv3-matrix';
import { rechtmatigheidRegister } from './rechtmatigheid-register';
import { loadReportRules } from './rules/report-rules';
import { CHANGE_REPORTS, thenAndNow } from './then-and-now';
import { RandomLedger, seeded } from '../testing/random-ledger';
import { figureFieldNl } from '../vocabulary/nl';
import { csvCell } from '../exports/csv';
import type { TableSource } from '../exports/export-tables';
import type { Cell } from '../exports/table';
import { thenAndNowTable } from '../exports/tables/filed-reports';
import { rechtmatigheidRows, THEN_AND_NOW_COLUMNS } from '../exports/tables/report-tables';

const RULES = { findings: repositoryFindingRules(), reports: loadReportRules(REPOSITORY_CONFIG_DIR) };

const dir = mkdtempSync(join(tmpdir(), 'geldstroom-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A journal in the making: each event placed after the last, on its stream. */
class Journal {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  add(streamId: string, type: string, data: JsonObject, effectiveDate: string, mirrorOf?: RecordedEvent): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const position = this.events.length + 1;
    const event: RecordedEvent = {
      id: randomUUID(), streamId, revision, position, type, data: { ...data, effectiveDate },
      metadata: { actor: 'test', sourceReference: `bron ${position}`, schemaVersion: 1, ...(mirrorOf ? { mirrorOf: { eventId: mirrorOf.id } } : {}) },
      recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, position)).toISOString(),
      hash: position.toString(16).padStart(64, '0'), previousHash: '0'.repeat(64), hashScheme: CURRENT_HASH_SCHEME,
    };
    this.events.push(event);
    return event;
  }

  party(partyId: string, kind: string): void {
    this.add(`party-${partyId}`, 'PartyRegistered', { partyId, name: `Partij ${partyId}`, kind }, '2023-01-01');
  }

  budget(budgetId: string, owner: string, taakveld: string, ownMeansCents: number, fiscalYear = 2023): void {
    const opened = `${fiscalYear}-01-01`;
    this.add(`budget-${budgetId}`, 'BudgetOpened', { budgetId, ownerPartyId: owner, name: budgetId, fiscalYear, taakveld }, opened);
    if (ownMeansCents > 0) this.add(`budget-${budgetId}`, 'BudgetFunded', { budgetId, fundingId: 'eigen', source: 'own-means', funderPartyId: owner, amountCents: ownMeansCents }, opened);
  }

  /** A transfer as the ledger writes it: the receiving side mirrors the sending one. */
  transfer(transferId: string, fromBudgetId: string, toBudgetId: string, amountCents: number, date: string): void {
    const sent = this.add(`budget-${fromBudgetId}`, 'BudgetTransferredOut', { budgetId: fromBudgetId, transferId, toBudgetId, amountCents }, date);
    this.add(`budget-${toBudgetId}`, 'BudgetTransferredIn', { budgetId: toBudgetId, transferId, fromBudgetId, amountCents }, date, sent);
  }

  /** Read models kept from these events. */
  reader(): LedgerReader {
    const store = ReadStore.open(join(dir, `${randomUUID()}.sqlite`));
    new ReadModelWriter(store, RULES.findings).write(this.events);
    return new LedgerReader(store);
  }
}

describe('the afwijking of a flag', () => {
  it("spreads a grant's excess over its flagged payments from the latest back, each at most its own amount", () => {
    const j = new Journal();
    j.party('gemeente', 'municipality');
    j.party('stichting', 'foundation');
    j.budget('b', 'gemeente', '6.5', 10_000_000);
    const grant = (type: string, data: JsonObject, date: string) => j.add('grant-g', type, { grantId: 'g', budgetId: 'b', recipientPartyId: 'stichting', ...data }, date);
    grant('GrantAwarded', { amountCents: 1_000_000 }, '2023-02-01');
    grant('GrantAdvancePaid', { paymentId: 'p1', amountCents: 900_000 }, '2023-03-01');
    // 300.000 cents past the grant of 1.000.000 after the second; 250.000 more after the third.
    grant('GrantAdvancePaid', { paymentId: 'p2', amountCents: 400_000, flags: ['paid-above-granted'] }, '2023-04-01');
    grant('GrantAdvancePaid', { paymentId: 'p3', amountCents: 250_000, flags: ['paid-above-granted'] }, '2023-05-01');
    const reader = j.reader();
    const register = rechtmatigheidRegister(reader, 'gemeente', 2023, reader.resolveCut(), RULES)!;
    // Excess 550.000: the latest payment is 250.000 of it, the one before the other 300.000 (not its whole 400.000).
    expect(register.entries.map((e) => [e.kind, e.date, e.amount])).toEqual([
      ['paid-above-granted', '2023-04-01', '3000.00'],
      ['paid-above-granted', '2023-05-01', '2500.00'],
    ]);
    expect(register.totals.errors).toBe('5500.00');
  });
});

describe('a flag whose excess went to zero', () => {
  // An order of 60.000 paid on 31 December without an invoice (paid above invoiced), reviewed
  // to-be-corrected; then an invoice of 60.000 dated 20 December is recorded; then taken back.
  const j = new Journal();
  j.party('gemeente', 'municipality');
  j.party('werkfit', 'company');
  j.party('rijk', 'central-government');
  j.budget('b', 'gemeente', '6.5', 0, 2025);
  // The Rijk's money: its accountability lists the findings about what it paid for.
  j.add('budget-b', 'BudgetFunded', { budgetId: 'b', fundingId: 'szw', source: 'outside-funder', funderPartyId: 'rijk', amountCents: 100_000_000 }, '2025-01-02');
  const o = { purchaseId: 'o', budgetId: 'b', supplierPartyId: 'werkfit' };
  j.add('purchase-o', 'TrajectoriesPurchased', { ...o, count: 20, unitPriceCents: 300_000, totalCents: 6_000_000, targetGroup: 'Jongeren' }, '2025-02-01');
  const paid = j.add('purchase-o', 'PurchasePaid', { ...o, paymentId: 'p1', amountCents: 6_000_000, flags: ['paid-above-invoiced'] }, '2025-12-31');
  const findingId = `paid-above-invoiced:${paid.id}`;
  const reviewed = j.add('finding-0123456789abcdef0123456789abcdef', 'FindingReviewed', { findingId, reviewId: 'r1', state: 'to-be-corrected', note: 'Factuur ontbreekt' }, '2026-01-10');
  const invoice = j.add('purchase-o', 'PurchaseInvoiced', { ...o, invoiceId: 'i1', amountCents: 6_000_000 }, '2025-12-20');
  const covered = invoice.position;
  j.add('purchase-o', 'EntryReversed', { reversalId: 'h1', reversedEventId: invoice.id, reversedEventType: 'PurchaseInvoiced', reason: 'Verkeerde factuur' }, '2026-02-01');
  const reader = j.reader();
  const at = (asOf: number, on?: string) => reader.resolveCut({ asOf: String(asOf), ...(on ? { on } : {}) });
  const listed = (asOf: number, on?: string) => findings(reader, at(asOf, on), RULES.findings, { party: 'gemeente' }).findings.map((f) => [f.id, f.review?.stale ?? null]);
  const register = (asOf: number, on?: string) => rechtmatigheidRegister(reader, 'gemeente', 2025, at(asOf, on), RULES)!;

  it('is no finding once the invoice covers the payment: not listed, not in the register, not counted, at any date after it', () => {
    for (const on of [undefined, '2025-12-31', '2026-06-30']) {
      expect(listed(covered, on)).toEqual([]);
      const then = register(covered, on);
      expect(then.entries).toEqual([]);
      expect(then.totals.byCriterion.find((c) => c.criterion === 'voorwaardencriterium')).toMatchObject({ count: 0, uncertainties: '0.00' });
      expect(fundingAccountability(reader, 'gemeente', at(covered, on), RULES)!.statements.flatMap((s) => s.findings)).toEqual([]);
    }
  });

  it('stays as it was at a cut before the invoice was recorded', () => {
    expect(listed(reviewed.position)).toEqual([[findingId, false]]);
    expect(register(reviewed.position).entries.map((e) => [e.findingId, e.amount, e.reviewStale])).toEqual([[findingId, '60000.00', false]]);
    const [statement] = fundingAccountability(reader, 'gemeente', at(reviewed.position), RULES)!.statements;
    expect(statement.findings.map((f) => f.findingId)).toEqual([findingId]);
  });

  it('comes back when the invoice is taken back, and the review given before is stale', () => {
    expect(listed(j.events.length)).toEqual([[findingId, true]]);
    expect(register(j.events.length).entries.map((e) => [e.findingId, e.amount, e.reviewState, e.reviewStale])).toEqual([[findingId, '60000.00', 'to-be-corrected', true]]);
  });
});

describe('a specific grant in the Iv3 matrix', () => {
  // 2023: SZW/G2 100.000 into participatie (6.5) beside own means 100.000, and a foundation's
  // 50.000 without a code; half of the pool spent on purchases; 60.000 moved to the 2024 budget on
  // 6.4, of which 20.000 the Rijk's; 2024: that budget pays 40.000 of wages, 10.000 of it the Rijk's.
  const j = new Journal();
  j.party('gemeente', 'municipality');
  j.party('rijk', 'central-government');
  j.party('fonds', 'foundation');
  j.party('reha', 'company');
  j.budget('p23', 'gemeente', '6.5', 10_000_000);
  j.budget('w24', 'gemeente', '6.4', 0, 2024);
  j.add('budget-p23', 'BudgetFunded', { budgetId: 'p23', fundingId: 'szw', source: 'outside-funder', funderPartyId: 'rijk', amountCents: 10_000_000, regulationCode: 'SZW/G2' }, '2023-01-02');
  j.add('budget-p23', 'BudgetFunded', { budgetId: 'p23', fundingId: 'fonds', source: 'outside-funder', funderPartyId: 'fonds', amountCents: 5_000_000 }, '2023-01-02');
  // Pool 250.000: own 100.000, SZW/G2 100.000, fonds 50.000. Purchases 125.000: 50.000 / 50.000 / 25.000.
  j.add('expense-inkoop', 'ExpenseBooked', { expenseId: 'inkoop', bookingId: 'f1', kind: 'operating', budgetId: 'p23', payeePartyId: 'reha', description: 'Inkoop', amountCents: 12_500_000 }, '2023-06-01');
  // Left 125.000 (50.000 / 50.000 / 25.000); 60.000 of it to 2024: 24.000 / 24.000 / 12.000.
  j.transfer('over', 'p23', 'w24', 6_000_000, '2023-12-31');
  // 2024 wages 40.000 of 60.000 (2/3): 16.000 / 16.000 / 8.000.
  j.add('expense-loon', 'ExpenseBooked', { expenseId: 'loon', bookingId: 'f2', kind: 'wage-cost-subsidy', budgetId: 'w24', payeePartyId: 'reha', description: 'Loonkosten', amountCents: 4_000_000 }, '2024-03-01');
  const reader = j.reader();
  const cut = reader.resolveCut();

  it('is baten as it is spent, on the taakveld it is spent on; what is left is held for the funder, year after year', () => {
    const [y2023, y2024] = [2023, 2024].map((year) => iv3Matrix(reader, 'gemeente', year, cut, RULES.reports)!);
    // 2023: the foundation's 50.000 as received; SZW/G2's 50.000 spent on 6.5 (not the 100.000 received).
    expect(y2023.rows.map((r) => [r.taakveld, r.lasten, r.baten])).toEqual([['6.5', '125000.00', '100000.00']]);
    expect(y2023.rows[0].batenByCategory.map((c) => [c.code, c.kinds.map((k) => [k.kind, k.amount])])).toEqual([
      ['4.3.1', [['rijk-specific-grant', '50000.00']]],
      ['4.3.8', [['from-others', '50000.00']]],
    ]);
    expect(y2023.specificGrants).toEqual([
      { funderPartyId: 'rijk', funderName: 'Partij rijk', regulationCode: 'SZW/G2', balanceAtStart: '0.00', received: '100000.00', recognised: '50000.00', balanceAtEnd: '50000.00' },
    ]);
    expect(y2023.notInMatrix.specificGrantsHeld).toBe('50000.00');
    // 2024: nothing came in, 16.000 of the Rijk's money spent on 6.4 is that year's baten there.
    expect(y2024.rows.map((r) => [r.taakveld, r.lasten, r.baten])).toEqual([['6.4', '40000.00', '16000.00']]);
    expect(y2024.specificGrants).toEqual([
      { funderPartyId: 'rijk', funderName: 'Partij rijk', regulationCode: 'SZW/G2', balanceAtStart: '50000.00', received: '0.00', recognised: '16000.00', balanceAtEnd: '34000.00' },
    ]);
    expect(y2024.notInMatrix.specificGrantsHeld).toBe('-16000.00');
  });

  it('counts the carry-over on 31 December into next year\'s budget, opened on 1 January, as between its own budgets on that date too', () => {
    const onYearEnd = reader.resolveCut({ on: '2023-12-31' });
    const matrix = iv3Matrix(reader, 'gemeente', 2023, onYearEnd, RULES.reports)!;
    expect(matrix.rows.map((r) => [r.taakveld, r.lasten, r.baten])).toEqual([['6.5', '125000.00', '100000.00']]);
    expect(matrix.notInMatrix).toMatchObject({ betweenOwnBudgets: '60000.00', specificGrantsHeld: '50000.00' });
    expect(partySpending(reader, 'gemeente', onYearEnd, { year: 2023 })!.years[0]).toMatchObject({ realised: '125000.00', betweenOwnBudgets: '60000.00' });
    const [statement] = fundingAccountability(reader, 'gemeente', onYearEnd, RULES, { year: 2023 })!.statements.filter((s) => s.regulationCode === 'SZW/G2');
    expect(statement).toMatchObject({ spent: '50000.00', unspent: '50000.00', passedOnTo: [] });
  });

  it("holds at each year's end what the accountability statement calls unspent", () => {
    for (const year of [2023, 2024]) {
      const [statement] = fundingAccountability(reader, 'gemeente', cut, RULES, { year })!.statements.filter((s) => s.regulationCode === 'SZW/G2');
      expect([year, iv3Matrix(reader, 'gemeente', year, cut, RULES.reports)!.specificGrants[0].balanceAtEnd]).toEqual([year, statement.unspent]);
    }
  });
});

describe("next year's budget before it opens", () => {
  // An order placed in December on the 2025 budget, opened 1 January 2025, and part of it paid.
  const j = new Journal();
  j.party('gemeente', 'municipality');
  j.party('reha', 'company');
  j.budget('b25', 'gemeente', '6.5', 0, 2025);
  j.add('programme-p', 'ProgrammeLaunched', { programmeId: 'p', ownerPartyId: 'gemeente', name: 'Doorlopend' }, '2024-06-01');
  const charge = { kind: 'hired-staff', budgetId: 'b25', programmeId: 'p', payeePartyId: 'reha' };
  j.add('expense-e', 'ExpenseCommitted', { expenseId: 'e', ...charge, description: 'Inhuur 2025', amountCents: 1_000_000 }, '2024-12-20');
  j.add('expense-e', 'ExpensePaid', { expenseId: 'e', ...charge, paymentId: 'v1', amountCents: 400_000 }, '2024-12-28');
  const reader = j.reader();

  it('is the owner\'s budget of that year on the dates before: its execution, the own view and who paid', () => {
    for (const cut of [reader.resolveCut({ on: '2024-12-31' }), reader.resolveCut()]) {
      expect(budgetExecution(reader, 'b25', cut)?.totals).toMatchObject({ committed: '10000.00', realised: '4000.00' });
      expect(partySpending(reader, 'gemeente', cut, { year: 2025 })!.years[0]).toMatchObject({ year: 2025, committed: '10000.00', realised: '4000.00' });
      // Paid before the budget held anything: borne by its owner, named as the party, not as the budget.
      const cost = programmeCost(reader, 'p', cut)!;
      expect(cost.whoPaid.ultimateFunders.map((f) => [f.partyId, f.amount])).toEqual([['gemeente', '4000.00']]);
      expect(cost.whoPaid.directPayers.map((p) => [p.partyId, p.budgetId])).toEqual([['gemeente', 'b25']]);
    }
  });
});

describe('the register of a begrotingsjaar', () => {
  it("holds a finding about money charged to that year's budget, whatever the date it was found on", () => {
    const j = new Journal();
    j.party('gemeente', 'municipality');
    j.party('reha', 'company');
    j.budget('b25', 'gemeente', '6.5', 0, 2025);
    j.party('rijk', 'central-government');
    j.add('budget-b25', 'BudgetFunded', { budgetId: 'b25', fundingId: 'szw', source: 'outside-funder', funderPartyId: 'rijk', amountCents: 10_000_000, regulationCode: 'SZW/G2' }, '2024-12-01');
    // Ordered in December on the 2025 budget and paid above the order before the year ends.
    const charge = { kind: 'operating', budgetId: 'b25', payeePartyId: 'reha' };
    j.add('expense-e', 'ExpenseCommitted', { expenseId: 'e', ...charge, description: 'Werkplekken 2025', amountCents: 100_000 }, '2024-12-20');
    j.add('expense-e', 'ExpensePaid', { expenseId: 'e', ...charge, paymentId: 'v1', amountCents: 150_000 }, '2024-12-29');
    const reader = j.reader();
    const register = (year: number) => rechtmatigheidRegister(reader, 'gemeente', year, reader.resolveCut(), RULES)!;
    expect(register(2024).entries).toEqual([]);
    expect(register(2025).entries.map((e) => [e.kind, e.date, e.amount, e.budgets])).toEqual([['paid-above-committed', '2024-12-29', '500.00', ['b25']]]);
    expect(register(2025).lasten).toBe('1500.00');
    // The Rijk's money paid it: the statement of the funding names the finding too.
    const [statement] = fundingAccountability(reader, 'gemeente', reader.resolveCut(), RULES)!.statements;
    expect(statement.findings.map((f) => [f.kind, f.amount])).toEqual([['paid-above-committed', '500.00']]);
  });
});

describe('the totals of the register', () => {
  it('count each euro once: an order after the end with its payment, a contract too light with its call-offs above the ceiling', () => {
    const j = new Journal();
    j.party('gemeente', 'municipality');
    j.party('werkfit', 'company');
    j.budget('b', 'gemeente', '6.5', 100_000_000);
    j.add('programme-p', 'ProgrammeLaunched', { programmeId: 'p', ownerPartyId: 'gemeente', name: 'Programma' }, '2023-01-01');
    j.add('programme-p', 'ProgrammeEnded', { programmeId: 'p' }, '2023-06-30');
    // 200.000 over the year, bought with one quote (inkoopbeleid: 50.000): a procedure too light.
    const award = { procurementId: 'pr', contractId: 'c', buyerPartyId: 'gemeente', supplierPartyId: 'werkfit', procedure: 'single-quote', ceilingCents: 20_000_000, termStart: '2023-01-01', termEnd: '2023-12-31' };
    j.add('procurement-pr', 'ContractAwarded', award, '2023-01-15');
    j.add('contract-c', 'ContractAwarded', award, '2023-01-15');
    const callOff = (purchaseId: string, date: string, paidCents: number, paidOn: string) => {
      const order = { purchaseId, budgetId: 'b', programmeId: 'p', contractId: 'c', supplierPartyId: 'werkfit' };
      j.add(`purchase-${purchaseId}`, 'TrajectoriesPurchased', { ...order, count: 40, unitPriceCents: 275_000, totalCents: 11_000_000, targetGroup: 'Jongeren' }, date);
      j.add(`purchase-${purchaseId}`, 'PurchasePaid', { ...order, paymentId: 'p1', amountCents: paidCents }, paidOn);
    };
    callOff('c1', '2023-02-01', 11_000_000, '2023-03-01');
    // After the end, and 20.000 past the ceiling: the same 110.000 as the procedure's.
    callOff('c2', '2023-09-01', 5_500_000, '2023-10-01');
    // Outside any contract: a grant of 10.000 after the end, paid at once.
    const grant = { grantId: 'g', budgetId: 'b', programmeId: 'p', recipientPartyId: 'werkfit' };
    j.add('grant-g', 'GrantAwarded', { ...grant, amountCents: 1_000_000 }, '2023-08-01');
    j.add('grant-g', 'GrantAdvancePaid', { ...grant, paymentId: 'v1', amountCents: 1_000_000 }, '2023-08-15');
    const reader = j.reader();
    const register = rechtmatigheidRegister(reader, 'gemeente', 2023, reader.resolveCut(), RULES)!;
    // Each entry keeps its own amount...
    expect(register.entries.map((e) => [e.kind, e.entity.streamId, e.class, e.amount]).sort()).toEqual([
      ['call-off-above-ceiling', 'contract-c', 'fout', '20000.00'],
      ['procedure-too-light', 'contract-c', 'fout', '220000.00'],
      ['spending-after-programme-end', 'grant-g', 'onzekerheid', '10000.00'],
      ['spending-after-programme-end', 'grant-g', 'onzekerheid', '10000.00'],
      ['spending-after-programme-end', 'purchase-c2', 'onzekerheid', '110000.00'],
      ['spending-after-programme-end', 'purchase-c2', 'onzekerheid', '55000.00'],
    ]);
    // ...the totals count the money: 220.000 committed under the contract, all of it a fout
    // (the call-off after the end is part of it), and the grant's 10.000 once.
    expect(register.totals).toMatchObject({ errors: '220000.00', uncertainties: '10000.00', total: '230000.00' });
    expect(register.totals.byCriterion.find((c) => c.criterion === 'voorwaardencriterium')).toMatchObject({ errors: '220000.00', uncertainties: '10000.00', count: 6 });
    expect(register.totals.byReviewState).toEqual([{ state: 'not-reviewed', count: 6, stale: 0, amount: '230000.00' }]);
  });
});

describe('the totals of the register, about the same euros of one order', () => {
  function order(invoicedCents: number, payments: number[], options: { omvangsbasisCents?: number } = {}) {
    const j = new Journal();
    j.party('gemeente', 'municipality');
    j.party('werkfit', 'company');
    j.budget('b', 'gemeente', '6.5', 100_000_000, 2024);
    const o = { purchaseId: 'o', budgetId: 'b', supplierPartyId: 'werkfit' };
    j.add('purchase-o', 'TrajectoriesPurchased', { ...o, count: 20, unitPriceCents: 300_000, totalCents: 6_000_000, targetGroup: 'Jongeren' }, '2024-02-01');
    j.add('purchase-o', 'PurchaseInvoiced', { ...o, invoiceId: 'i1', amountCents: invoicedCents, ...(invoicedCents > 6_000_000 ? { flags: ['invoiced-above-total'] } : {}) }, '2024-03-01');
    let [paid, day] = [0, 10];
    for (const cents of payments) {
      paid += cents;
      const flags = [paid > invoicedCents && 'paid-above-invoiced', paid > 6_000_000 && 'paid-above-total'].filter(Boolean);
      j.add('purchase-o', 'PurchasePaid', { ...o, paymentId: `p${day}`, amountCents: cents, ...(flags.length ? { flags } : {}) }, `2024-03-${day}`);
      day += 1;
    }
    const reader = j.reader();
    return rechtmatigheidRegister(reader, 'gemeente', 2024, reader.resolveCut(), RULES, options)!;
  }

  it("sets the totals against shares of the omvangsbasis a controller gives, or by default of the ledger's own lasten, and says which", () => {
    // A fout of 30.000 in 2024 (Bado 2023: fouten 1%, onzekerheden 3%; the example raad's grens 1%, warning from 75% of it).
    const own = order(6_000_000, [3_000_000, 3_000_000, 3_000_000]);
    expect(own).toMatchObject({
      lasten: '90000.00',
      omvangsbasis: { amount: '90000.00', from: 'ledger-lasten' },
      goedkeuringstolerantie: { mode: 'separate', errors: '900.00', uncertainties: '2700.00', combined: null },
      verantwoordingsgrens: '900.00',
      earlyWarning: { level: 'over' },
      withinGoedkeuringstolerantie: false,
    });
    const given = order(6_000_000, [3_000_000, 3_000_000, 3_000_000], { omvangsbasisCents: 12_345_678_900 });
    expect(given).toMatchObject({
      lasten: '90000.00',
      omvangsbasis: { amount: '123456789.00', from: 'given' },
      goedkeuringstolerantie: { mode: 'separate', errors: '1234567.89', uncertainties: '3703703.67', combined: null },
      verantwoordingsgrens: '1234567.89',
      earlyWarning: { level: 'clear', warningFrom: '925925.91', headroom: '1204567.89', usedPercent: '0.02' },
      withinGoedkeuringstolerantie: true,
    });
    expect(given.totals).toEqual(own.totals);
  });

  it('exports the register in Dutch with the omvangsbasis it used and the goedkeuringstolerantie, as the answer gives them', () => {
    const rows = rechtmatigheidRows(order(6_000_000, [3_000_000, 3_000_000, 3_000_000], { omvangsbasisCents: 12_345_678_900 }));
    // Columns: regel, bedrag, grondslag bedrag, toelichting.
    const pick = (row: Cell[]) => [row[2], row[8], row[9], row[13]];
    expect(rows.filter((row) => row[2] === 'afwijking').map((row) => row[9]).sort()).toEqual(['betaald boven aantal × prijs', 'betaald boven het gefactureerde']);
    expect(rows.filter((row) => row[2] !== 'afwijking').map(pick)).toEqual([
      ['totaal fouten', '30000.00', null, null],
      ['totaal onzekerheden', '0.00', null, null],
      ['lasten', '90000.00', null, null],
      ['omvangsbasis', '123456789.00', null, 'opgegeven'],
      ['goedkeuringstolerantie fouten', '1234567.89', null, 'binnen de tolerantie'],
      ['goedkeuringstolerantie onzekerheden', '3703703.67', null, 'binnen de tolerantie'],
      ['verantwoordingsgrens', '1234567.89', null, 'stand: ruim onder de verantwoordingsgrens'],
    ]);
  });

  it('counts a payment above the order and above its invoices once: a fout, no onzekerheid beside it', () => {
    // 60.000 ordered and invoiced, 90.000 paid: the last 30.000 is above both.
    const register = order(6_000_000, [3_000_000, 3_000_000, 3_000_000]);
    expect(register.entries.map((e) => [e.kind, e.class, e.amount]).sort()).toEqual([
      ['paid-above-invoiced', 'onzekerheid', '30000.00'],
      ['paid-above-total', 'fout', '30000.00'],
    ]);
    expect(register.totals).toMatchObject({ errors: '30000.00', uncertainties: '0.00', total: '30000.00' });
  });

  it('counts the onzekerheid only where it goes beyond the fout: invoiced 70.000 on an order of 60.000, paid 65.000', () => {
    const register = order(7_000_000, [6_500_000]);
    const byKind = Object.fromEntries(register.entries.map((e) => [e.kind, [e.class, e.amount]]));
    expect(byKind).toEqual({ 'invoiced-above-total': ['onzekerheid', '10000.00'], 'paid-above-total': ['fout', '5000.00'] });
    // The 5.000 paid above the order is a fout; of the 10.000 invoiced above it, the other 5.000 is what is left.
    expect(register.totals).toMatchObject({ errors: '5000.00', uncertainties: '5000.00', total: '10000.00' });
  });
});

describe("a contract's findings in the register", () => {
  /** A municipality with budgets for 2024 and 2025, and contract c of a ceiling of 60.000 with werkfit, called off by callOff. */
  function contractOverTwoYears(procedure: string, termEnd: string) {
    const j = new Journal();
    j.party('gemeente', 'municipality');
    j.party('werkfit', 'company');
    j.budget('b24', 'gemeente', '6.5', 100_000_000, 2024);
    j.budget('b25', 'gemeente', '6.5', 100_000_000, 2025);
    const award = { procurementId: 'pr', contractId: 'c', buyerPartyId: 'gemeente', supplierPartyId: 'werkfit', procedure, ceilingCents: 6_000_000, termStart: '2024-01-01', termEnd };
    j.add('procurement-pr', 'ContractAwarded', award, '2024-01-10');
    j.add('contract-c', 'ContractAwarded', award, '2024-01-10');
    const callOff = (purchaseId: string, budgetId: string, totalCents: number, date: string) =>
      j.add(`purchase-${purchaseId}`, 'TrajectoriesPurchased', { purchaseId, budgetId, contractId: 'c', supplierPartyId: 'werkfit', count: 1, unitPriceCents: totalCents, totalCents, targetGroup: 'Jongeren' }, date);
    return { j, callOff };
  }

  it("names, in then-and-now of a budget, the call-off on another budget that took the contract past its ceiling", () => {
    const { j, callOff } = contractOverTwoYears('open', '2025-12-31');
    callOff('o24', 'b24', 5_000_000, '2024-03-01');
    const before = j.events.length;
    const past = callOff('o25', 'b25', 2_000_000, '2025-02-01');
    const answer = thenAndNow(j.reader(), { report: 'budget-execution', id: 'b24', then: String(before) }, RULES)!;
    expect(answer.changes).toContainEqual(expect.objectContaining({ path: 'findings.byKind.call-off-above-ceiling', then: null, now: 1 }));
    expect(answer.events.map((e) => [e.position, e.type])).toEqual([[past.position, 'TrajectoriesPurchased']]);
    // Listed for the finding it raised, not for a figure of this budget: it says which.
    expect(answer.events[0]).toMatchObject({ moved: {}, changedEvents: [], changedFindings: ['call-off-above-ceiling:c'] });
  });

  it("says, in then-and-now's export, the finding's kind and the event's type in Dutch", async () => {
    const { j, callOff } = contractOverTwoYears('open', '2025-12-31');
    callOff('o24', 'b24', 5_000_000, '2024-03-01');
    const before = j.events.length;
    callOff('o25', 'b25', 2_000_000, '2025-02-01');
    const rows: Cell[][] = [];
    const source = { reader: j.reader(), cut: j.reader().resolveCut(), rules: RULES } as TableSource;
    for await (const row of thenAndNowTable(source, { id: 'b24', report: 'budget-execution', then: String(before) }).rows) rows.push([...row]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('TrajectoriesPurchased');
    expect(rows.filter((r) => r[2] === 'gebeurtenis').map((r) => r[9])).toEqual(['Trajecten ingekocht']);
    expect(rows.filter((r) => r[2] === 'gebeurtenis').map((r) => r[3])).toEqual(['wijzigt bevinding ‘Afroepen boven het plafond van het contract’ (c)']);
    // Its kind, where it is a figure and where it names the finding.
    const kind = rows.find((r) => String(r[3]).startsWith('findings.findings[') && String(r[3]).endsWith('].kind'))!;
    expect(kind[4]).toMatch(/^Bevindingen › bevindingen \(soort Afroepen boven het plafond van het contract, id [^)]+\) › soort$/);
    expect(csvCell(kind[6], THEN_AND_NOW_COLUMNS[6].kind)).toBe('Afroepen boven het plafond van het contract');
    // Nowhere but in the finding's id (`call-off-above-ceiling:c`) and the answer's own path.
    const said = rows.filter((r) => r[2] === 'wijziging' && !String(r[3]).endsWith('].id')).flatMap((r) => [r[4], r[5], r[6]].map((c) => csvCell(c, 'text')));
    expect(said.join(' ').replace(/id call-off-above-ceiling:c\)/g, '')).not.toContain('call-off-above-ceiling');
  });

  it('counts in each year what that year\'s budgets were charged, and a call-off outside the term not again against the ceiling', () => {
    // Bought with one quote (inkoopbeleid: up to 50.000), a term to the end of 2024.
    const { j, callOff } = contractOverTwoYears('single-quote', '2024-12-31');
    callOff('o1', 'b24', 4_000_000, '2024-03-01');
    // Within the term, on next year's budget: 10.000 past the ceiling, in 2025's books.
    callOff('o2', 'b25', 3_000_000, '2024-12-15');
    // After the term: not under the contract, and not past its ceiling a second time.
    callOff('o3', 'b25', 3_000_000, '2025-02-01');
    const reader = j.reader();
    const register = (year: number) => rechtmatigheidRegister(reader, 'gemeente', year, reader.resolveCut(), RULES)!;
    const rows = (year: number) => register(year).entries.map((e) => [e.kind, e.amount, e.budgets]).sort();
    expect(rows(2024)).toEqual([['procedure-too-light', '40000.00', ['b24']]]);
    expect(rows(2025)).toEqual([
      ['call-off-above-ceiling', '10000.00', ['b25']],
      ['call-off-outside-term', '30000.00', ['b25']],
      ['procedure-too-light', '60000.00', ['b25']],
    ]);
    // 100.000 of money in all, each euro once and in one year: 40.000 in 2024, 60.000 in 2025.
    expect([register(2024).totals.errors, register(2025).totals.errors]).toEqual(['40000.00', '60000.00']);
    const [ceiling] = register(2025).entries.filter((e) => e.kind === 'call-off-above-ceiling');
    expect(ceiling.events.map((e) => e.streamId)).not.toContain('purchase-o3');
  });

  it("counts a procedure too light only in the years whose budgets still hold the contract's money", () => {
    const { j, callOff } = contractOverTwoYears('single-quote', '2025-12-31');
    callOff('o1', 'b24', 3_000_000, '2024-03-01');
    callOff('o2', 'b25', 2_000_000, '2024-12-01');
    j.add('purchase-o2', 'PurchaseCancelled', { purchaseId: 'o2', reason: 'Niet nodig' }, '2024-12-10');
    const reader = j.reader();
    const tooLight = (year: number) => rechtmatigheidRegister(reader, 'gemeente', year, reader.resolveCut(), RULES)!.entries.filter((e) => e.kind === 'procedure-too-light').map((e) => e.amount);
    expect([tooLight(2024), tooLight(2025)]).toEqual([['30000.00'], []]);
  });

  it('places the excess over the ceiling in the budgets of the call-offs that went past it, the latest back, each with what it still commits', () => {
    const { j, callOff } = contractOverTwoYears('european', '2025-12-31');
    // Ordered first on next year's budget, then on this year's: the second order goes 10.000 past the ceiling of 60.000.
    callOff('o1', 'b25', 4_000_000, '2024-03-01');
    callOff('o2', 'b24', 3_000_000, '2024-06-01');
    const register = (year: number) => {
      const reader = j.reader();
      return rechtmatigheidRegister(reader, 'gemeente', year, reader.resolveCut(), RULES)!.entries.filter((e) => e.kind === 'call-off-above-ceiling').map((e) => [e.amount, e.budgets]);
    };
    // The finding names o2 as the order that went past: its excess is in 2024's books, not in the later budget year's.
    expect(register(2024)).toEqual([['10000.00', ['b24']]]);
    expect(register(2025)).toEqual([]);
    // A third order of 15.000 on 2025's budget: 25.000 past, 15.000 of it o3's, the rest the latest before it, o2's.
    callOff('o3', 'b25', 1_500_000, '2024-09-01');
    expect([register(2024), register(2025)]).toEqual([[['10000.00', ['b24']]], [['15000.00', ['b25']]]]);
    // o3 paid 5.000 and then cancelled: it still commits what was paid, the last money called off of an excess of 15.000.
    j.add('purchase-o3', 'PurchasePaid', { purchaseId: 'o3', budgetId: 'b25', contractId: 'c', supplierPartyId: 'werkfit', paymentId: 'p3', amountCents: 500_000 }, '2024-10-01');
    j.add('purchase-o3', 'PurchaseCancelled', { purchaseId: 'o3', reason: 'Minder nodig' }, '2024-10-15');
    expect([register(2024), register(2025)]).toEqual([[['10000.00', ['b24']]], [['5000.00', ['b25']]]]);
  });

  it("caps the year's money as its books hold it, says a review stale by the year's money, and shows the buyer a contract charged to others' books", () => {
    const j = new Journal();
    j.party('gemeente', 'municipality');
    j.party('buur', 'municipality');
    j.party('werkfit', 'company');
    j.party('rijk', 'central-government');
    j.budget('a24', 'gemeente', '6.5', 100_000_000, 2024);
    j.budget('a25', 'gemeente', '6.5', 100_000_000, 2025);
    j.add('budget-a24', 'BudgetFunded', { budgetId: 'a24', fundingId: 'rijk', source: 'outside-funder', funderPartyId: 'rijk', amountCents: 100_000_000 }, '2024-01-01');
    const award = (contractId: string, buyerPartyId: string, ceilingCents: number) => {
      const data = { procurementId: `pr-${contractId}`, contractId, buyerPartyId, supplierPartyId: 'werkfit', procedure: 'single-quote', ceilingCents, termStart: '2024-01-01', termEnd: '2024-12-31' };
      j.add(`procurement-pr-${contractId}`, 'ContractAwarded', data, '2024-01-02');
      j.add(`contract-${contractId}`, 'ContractAwarded', data, '2024-01-02');
    };
    const callOff = (purchaseId: string, contractId: string, budgetId: string, totalCents: number, date: string) =>
      j.add(`purchase-${purchaseId}`, 'TrajectoriesPurchased', { purchaseId, budgetId, contractId, supplierPartyId: 'werkfit', count: 1, unitPriceCents: totalCents, totalCents, targetGroup: 'Jongeren' }, date);
    award('c', 'gemeente', 6_000_000);
    // Paid without an invoice: an onzekerheid about the contract's money, dated before the award (so
    // also a call-off outside the term: there was no contract yet to buy it under).
    callOff('o0', 'c', 'a24', 1_000_000, '2024-01-01');
    j.add('purchase-o0', 'PurchasePaid', { purchaseId: 'o0', budgetId: 'a24', contractId: 'c', supplierPartyId: 'werkfit', paymentId: 'p1', amountCents: 1_000_000, flags: ['paid-above-invoiced'] }, '2024-01-01');
    callOff('o1', 'c', 'a24', 4_000_000, '2024-03-01');
    callOff('o2', 'c', 'a25', 3_000_000, '2024-12-15');
    callOff('o3', 'c', 'a25', 2_000_000, '2025-02-01');
    // The neighbour's contract, called off on the municipality's budget only.
    award('d', 'buur', 8_000_000);
    callOff('d1', 'd', 'a24', 1_000_000, '2024-04-01');
    j.add('finding-0123456789abcdef0123456789abcdef', 'FindingReviewed', { findingId: 'procedure-too-light:c', reviewId: 'r1', state: 'accepted', note: 'Raamovereenkomst' }, '2025-03-01');
    const before = j.reader();
    const register = (reader: LedgerReader, party: string, year: number) => rechtmatigheidRegister(reader, party, year, reader.resolveCut(), RULES)!;
    // 2024's books hold 50.000 of contract c (the procedure too light and the payment without an invoice count it
    // once, fouten first) and 10.000 of the neighbour's contract d.
    expect(register(before, 'gemeente', 2024).entries.find((e) => e.kind === 'paid-above-invoiced')).toMatchObject({ class: 'onzekerheid', amount: '10000.00' });
    expect(register(before, 'gemeente', 2024).totals).toMatchObject({ errors: '60000.00', uncertainties: '0.00', total: '60000.00' });
    expect(register(before, 'gemeente', 2025).totals.errors).toBe('50000.00');
    // The accountability of the Rijk's money on a24 names the procedure with what a24 was charged of it, not the contract's all.
    const [statement] = fundingAccountability(before, 'gemeente', before.resolveCut(), RULES, { year: 2024 })!.statements;
    expect(statement.findings.filter((f) => f.kind.startsWith('call-off') || f.kind === 'procedure-too-light').map((f) => [f.findingId, f.amount])).toEqual([
      ['procedure-too-light:c', '50000.00'],
      ['procedure-too-light:d', '10000.00'],
      ['call-off-outside-term:c', '10000.00'],
    ]);
    // The neighbour bought it; the money is in the municipality's books: counted there, a signal for the buyer.
    expect(register(before, 'gemeente', 2024).entries.map((e) => e.findingId)).toContain('procedure-too-light:d');
    expect(register(before, 'buur', 2024).entries).toEqual([]);
    expect(register(before, 'buur', 2024).signals.map((e) => [e.findingId, e.amount])).toEqual([['procedure-too-light:d', null]]);
    // Reviewed at 100.000 in all; more called off on 2025's budget makes the review stale in 2025, not in 2024.
    const stale = (reader: LedgerReader, year: number) => register(reader, 'gemeente', year).entries.find((e) => e.findingId === 'procedure-too-light:c')!.reviewStale;
    expect([stale(before, 2024), stale(before, 2025)]).toEqual([false, false]);
    callOff('o4', 'c', 'a25', 500_000, '2025-04-01');
    const after = j.reader();
    expect([stale(after, 2024), stale(after, 2025)]).toEqual([false, true]);
  });

  it('says a review judged an earlier version of the finding when the finding changed since', () => {
    const j = new Journal();
    j.party('gemeente', 'municipality');
    j.party('werkfit', 'company');
    j.budget('b24', 'gemeente', '6.5', 100_000_000, 2024);
    const award = { procurementId: 'pr', contractId: 'c', buyerPartyId: 'gemeente', supplierPartyId: 'werkfit', procedure: 'european', ceilingCents: 6_000_000, termStart: '2024-01-01', termEnd: '2024-06-30' };
    j.add('procurement-pr', 'ContractAwarded', award, '2024-01-10');
    j.add('contract-c', 'ContractAwarded', award, '2024-01-10');
    const callOff = (purchaseId: string, date: string) =>
      j.add(`purchase-${purchaseId}`, 'TrajectoriesPurchased', { purchaseId, budgetId: 'b24', contractId: 'c', supplierPartyId: 'werkfit', count: 1, unitPriceCents: 1_000_000, totalCents: 1_000_000, targetGroup: 'Jongeren' }, date);
    callOff('o1', '2024-08-01');
    const review = { findingId: 'call-off-outside-term:c', reviewId: 'r1', state: 'to-be-corrected', note: 'Nieuwe aanbesteding' };
    j.add('finding-0123456789abcdef0123456789abcdef', 'FindingReviewed', review, '2024-08-15');
    const reviewed = j.reader();
    const entry = (reader: LedgerReader) => rechtmatigheidRegister(reader, 'gemeente', 2024, reader.resolveCut(), RULES)!.entries.find((e) => e.findingId === review.findingId)!;
    expect(entry(reviewed)).toMatchObject({ amount: '10000.00', reviewState: 'to-be-corrected', reviewStale: false });
    callOff('o2', '2024-09-01');
    const changed = j.reader();
    expect(entry(changed)).toMatchObject({ amount: '20000.00', reviewState: 'to-be-corrected', reviewStale: true });
    expect(rechtmatigheidRegister(changed, 'gemeente', 2024, changed.resolveCut(), RULES)!.totals.byReviewState).toEqual([{ state: 'to-be-corrected', count: 1, stale: 1, amount: '20000.00' }]);
  });
});

describe('contributions in the own view and the Iv3 matrix', () => {
  const j = new Journal();
  j.party('gemeente', 'municipality');
  j.party('gr', 'joint-arrangement');
  j.party('centrumgemeente', 'municipality');
  j.party('rijk', 'central-government');
  j.budget('eigen', 'gemeente', '6.5', 5_000_000);
  j.budget('tweede', 'gemeente', '6.4', 0);
  j.budget('gr-begroting', 'gr', '6.5', 0);
  const out = (budgetId: string, transferId: string, toBudgetId: string, amountCents: number) => {
    const sent = j.add(`budget-${budgetId}`, 'BudgetTransferredOut', { budgetId, transferId, toBudgetId, amountCents }, '2023-02-01');
    j.add(`budget-${toBudgetId}`, 'BudgetTransferredIn', { budgetId: toBudgetId, transferId, fromBudgetId: budgetId, amountCents }, '2023-02-01');
    return sent;
  };
  out('eigen', 'naar-gr', 'gr-begroting', 1_000_000);
  out('eigen', 'naar-tweede', 'tweede', 700_000);
  // A contribution to a centrumgemeente whose budget the ledger does not hold: an expense.
  const charge = { kind: 'contribution', budgetId: 'eigen', payeePartyId: 'centrumgemeente' };
  j.add('expense-regio', 'ExpenseBooked', { expenseId: 'regio', bookingId: 'b1', ...charge, description: 'Bijdrage regio', amountCents: 300_000 }, '2023-03-01');
  j.add('budget-tweede', 'BudgetFunded', { budgetId: 'tweede', fundingId: 'rijk-a', source: 'outside-funder', funderPartyId: 'rijk', amountCents: 200_000, regulationCode: 'SZW/G2' }, '2023-01-01');
  j.add('budget-tweede', 'BudgetFunded', { budgetId: 'tweede', fundingId: 'rijk-b', source: 'outside-funder', funderPartyId: 'rijk', amountCents: 100_000 }, '2023-01-01');
  j.add('expense-staf', 'ExpenseBooked', { expenseId: 'staf', bookingId: 'b1', kind: 'personnel', budgetId: 'tweede', payeePartyId: 'gemeente', description: 'Salarissen', amountCents: 500_000 }, '2023-06-30');
  const reader = j.reader();
  const cut = reader.resolveCut();

  it('counts the transfer to the GR and the expense to the centrumgemeente as contributions, the move between its own budgets not', () => {
    const [year] = partySpending(reader, 'gemeente', cut)!.years;
    expect(year.byKind.contribution).toEqual({ committed: '13000.00', obligo: '0.00', realised: '13000.00' });
    expect(year.contributions.map((c) => [c.partyId, c.via, c.realised])).toEqual([
      ['centrumgemeente', 'expense', '3000.00'],
      ['gr', 'transfer', '10000.00'],
    ]);
    expect(year).toMatchObject({ realised: '18000.00', betweenOwnBudgets: '7000.00' });
    expect(partySpending(reader, 'gr', cut)!.years[0].realised).toBe('0.00');
  });

  it('places each contribution by who receives it: 4.3.3 for the GR, 4.3.2 for the municipality', () => {
    const matrix = iv3Matrix(reader, 'gemeente', 2023, cut, RULES.reports)!;
    const contributions = matrix.totals.lastenByCategory.filter((c) => c.group === 'contributions');
    expect(contributions.map((c) => [c.code, c.amount, c.kinds.map((k) => k.kind)])).toEqual([
      ['4.3.2', '3000.00', ['contribution-to-municipality']],
      ['4.3.3', '10000.00', ['contribution-to-joint-arrangement']],
    ]);
    expect(matrix.reconciliation).toMatchObject({ reconciles: true, matrixLasten: '18000.00' });
    // The Rijk's money without a code is baten of 4.3.1 as received (1.000); of SZW/G2's 2.000 the
    // 1.000 spent on salaries is, the rest is held for the Rijk; the move in from its own budget is not baten.
    expect(matrix.totals.baten).toBe('2000.00');
    expect(matrix.totals.batenByCategory.map((c) => [c.code, c.amount])).toEqual([['4.3.1', '2000.00']]);
    expect(matrix.notInMatrix).toEqual({ ownMeans: '50000.00', betweenOwnBudgets: '7000.00', specificGrantsHeld: '1000.00' });
    expect(matrix.specificGrants).toEqual([
      { funderPartyId: 'rijk', funderName: 'Partij rijk', regulationCode: 'SZW/G2', balanceAtStart: '0.00', received: '2000.00', recognised: '1000.00', balanceAtEnd: '1000.00' },
    ]);
    expect(iv3Matrix(reader, 'gr', 2023, cut, RULES.reports)!.totals.batenByCategory.map((c) => [c.code, c.amount])).toEqual([['4.3.2', '10000.00']]);
  });

  it("keeps the Rijk's money under SZW/G2 apart from its other money, each spent pro rata from the budget's pool", () => {
    const statements = fundingAccountability(reader, 'gemeente', cut, RULES)!.statements;
    // Tweede holds own 7.000, SZW/G2 2.000, Rijk 1.000 (10.000): salaries of 5.000 take half of each.
    expect(statements.map((s) => [s.funderPartyId, s.regulationCode, s.received, s.spent, s.unspent])).toEqual([
      ['rijk', null, '1000.00', '500.00', '500.00'],
      ['rijk', 'SZW/G2', '2000.00', '1000.00', '1000.00'],
    ]);
    expect(statements[1].spentByKind).toEqual([{ kind: 'personnel', amount: '1000.00' }]);
  });

  it('compares any report then and now, naming the figures that moved and nothing when nothing did', () => {
    const before = j.events.length;
    j.add('expense-staf', 'ExpenseBooked', { expenseId: 'staf', bookingId: 'b2', kind: 'personnel', budgetId: 'tweede', payeePartyId: 'gemeente', description: 'Salarissen', amountCents: 100_000 }, '2023-12-31');
    const later = j.reader();
    const answer = thenAndNow(later, { report: 'party-spending', id: 'gemeente', then: String(before) }, RULES)!;
    expect(answer.changes.filter((c) => c.path.endsWith('.realised') && !c.path.includes('byKind'))).toEqual([
      { path: 'years[year=2023].byTaakveld[taakveld=6.4].realised', then: '5000.00', now: '6000.00', difference: '1000.00' },
      { path: 'years[year=2023].realised', then: '18000.00', now: '19000.00', difference: '1000.00' },
    ]);
    expect(answer.events.map((e) => [e.type, e.position, e.moved])).toEqual([['ExpenseBooked', before + 1, { committed: '1000.00', realised: '1000.00', ordered: '1000.00' }]]);
    expect(thenAndNow(later, { report: 'party-spending', id: 'gemeente', then: String(before + 1) }, RULES)!.changes).toEqual([]);
  });

  it("lists, for one year's report, the events that moved that year's figures: not those on another year's budgets", () => {
    const before = j.events.length;
    j.budget('volgend', 'gemeente', '6.4', 0, 2024);
    j.add('expense-volgend', 'ExpenseBooked', { expenseId: 'volgend', bookingId: 'v1', kind: 'personnel', budgetId: 'volgend', payeePartyId: 'gemeente', description: 'Salarissen 2024', amountCents: 70_000 }, '2024-01-31');
    j.add('expense-dit', 'ExpenseBooked', { expenseId: 'dit', bookingId: 'd1', kind: 'personnel', budgetId: 'tweede', payeePartyId: 'gemeente', description: 'Salarissen 2023', amountCents: 20_000 }, '2023-12-31');
    const later = j.reader();
    const of2023 = thenAndNow(later, { report: 'party-spending', id: 'gemeente', then: String(before), year: 2023 }, RULES)!;
    expect(of2023.changes.find((c) => c.path === 'years[year=2023].realised')).toMatchObject({ difference: '200.00' });
    expect(of2023.events.map((e) => e.streamId)).toEqual(['expense-dit']);
    const of2024 = thenAndNow(later, { report: 'party-spending', id: 'gemeente', then: String(before), year: 2024 }, RULES)!;
    expect(of2024.events.map((e) => e.streamId)).toEqual(['budget-volgend', 'expense-volgend']);
    // The Iv3 matrix of 2024 carries what 2023 left of a specific grant: 2023's events may move it.
    const iv3 = thenAndNow(later, { report: 'iv3-matrix', id: 'gemeente', then: String(before), year: 2024 }, RULES)!;
    expect(iv3.events.map((e) => e.streamId)).toEqual(['budget-volgend', 'expense-volgend', 'expense-dit']);
  });

  it('takes a code that names an element for a code, not an amount, though it looks like one (taakveld 6.71)', async () => {
    const before = j.events.length;
    j.budget('wmo', 'gemeente', '6.71', 0);
    j.add('expense-wmo', 'ExpenseBooked', { expenseId: 'wmo', bookingId: 'w1', kind: 'operating', budgetId: 'wmo', payeePartyId: 'gemeente', description: 'Huishoudelijke hulp', amountCents: 400_000 }, '2023-06-30');
    const answer = thenAndNow(j.reader(), { report: 'party-spending', id: 'gemeente', then: String(before) }, RULES)!;
    const code = answer.changes.find((c) => c.path === 'years[year=2023].byTaakveld[taakveld=6.71].taakveld');
    expect(code).toEqual({ path: 'years[year=2023].byTaakveld[taakveld=6.71].taakveld', then: null, now: '6.71', difference: null });
    expect(answer.changes.find((c) => c.path === 'years[year=2023].byTaakveld[taakveld=6.71].realised')).toMatchObject({ now: '4000.00', difference: '4000.00' });
    // In the file: the code as text, the amount as an amount.
    const rows: Cell[][] = [];
    for await (const row of thenAndNowTable({ reader: j.reader(), cut: j.reader().resolveCut(), rules: RULES } as TableSource, { id: 'gemeente', report: 'party-spending', then: String(before) }).rows) rows.push([...row]);
    const csv = (path: string) => rows.find((r) => r[3] === path)!.slice(5, 8).map((cell, i) => csvCell(cell, THEN_AND_NOW_COLUMNS[5 + i].kind));
    expect(csv('years[year=2023].byTaakveld[taakveld=6.71].taakveld')).toEqual([null, '6.71', null]);
    expect(csv('years[year=2023].byTaakveld[taakveld=6.71].realised')).toEqual([null, '4000,00', '4000,00']);
    // An event's row says what it moved in Dutch, amounts with a decimal comma, and the finding it raised.
    expect(rows.filter((r) => r[2] === 'gebeurtenis' && r[9] === 'Uitgave geboekt').map((r) => r[3])).toEqual([
      'verplicht 4000,00; besteld of verleend 4000,00; gerealiseerd 4000,00; aantal 1; ongedekt betaald 4000,00; wijzigt bevinding ‘Meer verplicht en betaald dan de begroting’ (wmo)',
    ]);
  });
});

describe('the figures of every report, for people', () => {
  it('has a Dutch name for every field of every report then-and-now compares, on random ledgers', () => {
    const unnamed = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const store = ReadStore.open(join(dir, `${randomUUID()}.sqlite`));
      new ReadModelWriter(store, RULES.findings).write(new RandomLedger(seeded(seed)).build(200));
      const reader = new LedgerReader(store);
      for (const report of CHANGE_REPORTS) {
        const [ids, year] = report === 'programme-cost' ? [['programme-0', 'programme-1'], undefined] : report === 'budget-execution' ? [['budget-0', 'budget-1'], undefined] : [['gemeente-a', 'gemeente-b', 'rijk'], 2024];
        for (const id of ids) {
          for (const change of thenAndNow(reader, { report, id, then: '0', ...(year ? { year } : {}) }, RULES)?.changes ?? []) {
            for (const field of change.path.replace(/\[[^\]]*\]/g, '').split('.')) if (figureFieldNl(field) === undefined) unnamed.add(`${report}: ${field}`);
          }
        }
      }
      store.close();
    }
    expect([...unnamed].sort()).toEqual([]);
  });
});
