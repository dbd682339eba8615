// A large, plausible ledger for rebuild tests and benchmarks: parties, budgets funded from own
// means and outside funders, transfers between budgets, programmes with grants and purchases,
// and then payments until the log holds the number of events asked for. Written straight to
// the store in big appends — a fixture for measuring, not a way to record real facts.
import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, JsonObject } from '@geldstroom/event-store';

export interface GeneratedLedgerOptions {
  readonly events: number;
  readonly programmes: number;
  readonly budgets: number;
  /** Events of one programme that buys under one contract, charged to ten budgets (0: none). */
  readonly heavyProgrammeEvents?: number;
  /** Events of one budget that a hundred programmes buy from (0: none). */
  readonly heavyBudgetEvents?: number;
  /** Streams appended to at once: enough for the store's group commit to batch. */
  readonly concurrency?: number;
  readonly onProgress?: (written: number) => void;
}

export interface GeneratedLedger {
  readonly programmeIds: readonly string[];
  readonly budgetIds: readonly string[];
  readonly events: number;
  readonly heavyProgrammeId?: string;
  readonly heavyBudgetId?: string;
}

export const HEAVY_PROGRAMME = 'gen-heavy-programme';
export const HEAVY_BUDGET = 'gen-heavy-budget';

const MUNICIPALITIES = 40;
const SUPPLIERS = 60;

export async function generateLedger(store: EventStore, options: GeneratedLedgerOptions): Promise<GeneratedLedger> {
  let written = 0;
  let effectiveDay = 0;
  // Business dates spread over two years, as a ledger of that many events would be.
  const day = () => {
    const date = new Date(Date.UTC(2024, 0, 1) + Math.min(729, Math.floor((effectiveDay * 730) / options.events)) * 86_400_000);
    effectiveDay += 1;
    return date.toISOString().slice(0, 10);
  };
  const event = (type: string, data: JsonObject): EventToAppend => ({
    id: randomUUID(),
    type,
    data: { ...data, effectiveDate: day() },
    metadata: { actor: 'generator', sourceReference: 'generated', schemaVersion: 1 },
  });
  const append = async (streamId: string, events: EventToAppend[]) => {
    await store.append(streamId, events, 'any');
    written += events.length;
    options.onProgress?.(written);
  };
  const all = async (work: (() => Promise<void>)[]) => {
    const concurrency = options.concurrency ?? 64;
    for (let i = 0; i < work.length; i += concurrency) await Promise.all(work.slice(i, i + concurrency).map((w) => w()));
  };

  const municipality = (i: number) => `gemeente-${i}`;
  const supplier = (i: number) => `aanbieder-${i}`;
  await all([
    ...Array.from({ length: MUNICIPALITIES }, (_, i) => () =>
      append(`party-${municipality(i)}`, [event('PartyRegistered', { partyId: municipality(i), name: `Gemeente ${i}`, kind: 'municipality' })])),
    ...Array.from({ length: SUPPLIERS }, (_, i) => () =>
      append(`party-${supplier(i)}`, [event('PartyRegistered', { partyId: supplier(i), name: `Aanbieder ${i}`, kind: 'company' })])),
    () => append('party-rijk', [event('PartyRegistered', { partyId: 'rijk', name: 'Rijk', kind: 'central-government' })]),
  ]);

  const budgetIds = Array.from({ length: options.budgets }, (_, i) => `gen-budget-${i}`);
  const ownerOf = (b: number) => municipality(b % MUNICIPALITIES);
  await all(
    budgetIds.map((budgetId, b) => () =>
      append(`budget-${budgetId}`, [
        event('BudgetOpened', { budgetId, ownerPartyId: ownerOf(b), name: `Budget ${b}`, fiscalYear: 2024, taakveld: b % 2 ? '6.4' : '6.5' }),
        event('BudgetFunded', { budgetId, fundingId: 'eigen', source: 'own-means', funderPartyId: ownerOf(b), amountCents: 500_000_000 }),
        event('BudgetFunded', { budgetId, fundingId: 'rijk', source: 'outside-funder', funderPartyId: 'rijk', amountCents: 250_000_000 }),
      ])),
  );
  // Every fifth budget passes money on to the next one, as a municipality contributes to a GR.
  for (let b = 0; b + 1 < budgetIds.length; b += 5) {
    const [from, to] = [budgetIds[b], budgetIds[b + 1]];
    await append(`budget-${from}`, [event('BudgetTransferredOut', { budgetId: from, transferId: 'bijdrage', toBudgetId: to, amountCents: 100_000_000 })]);
    await append(`budget-${to}`, [event('BudgetTransferredIn', { budgetId: to, transferId: 'bijdrage', fromBudgetId: from, amountCents: 100_000_000 })]);
  }

  const programmeIds = Array.from({ length: options.programmes }, (_, p) => `gen-programme-${p}`);
  const budgetOf = (p: number) => budgetIds[p % budgetIds.length];
  const supplierOf = (p: number) => supplier(p % SUPPLIERS);
  await all(
    programmeIds.map((programmeId, p) => async () => {
      const charge = { budgetId: budgetOf(p), programmeId };
      await append(`programme-${programmeId}`, [
        event('ProgrammeLaunched', { programmeId, ownerPartyId: ownerOf(p % budgetIds.length), name: `Programma ${p}`, normBand: { minCents: 200_000, maxCents: 240_000 } }),
        event('ParticipantsEnrolled', { programmeId, enrolmentId: 'start', count: 10 + (p % 30) }),
      ]);
      await append(`grant-${programmeId}`, [
        event('GrantAwarded', { grantId: programmeId, ...charge, recipientPartyId: supplierOf(p), amountCents: 10_000_000 }),
      ]);
      await append(`purchase-${programmeId}`, [
        event('TrajectoriesPurchased', { purchaseId: programmeId, ...charge, supplierPartyId: supplierOf(p + 1), count: 10, unitPriceCents: 250_000, totalCents: 2_500_000, targetGroup: 'Generated' }),
      ]);
    }),
  );

  if (options.heavyProgrammeEvents) {
    await heavyProgramme(options.heavyProgrammeEvents, { event, append, all, budgetIds, supplier: supplier(0), owner: ownerOf(0) });
  }
  if (options.heavyBudgetEvents) {
    await heavyBudget(options.heavyBudgetEvents, { event, append, all, programmeIds, supplier: supplier(1), owner: ownerOf(1) });
  }

  // Payments until the log is full, round after round over every grant and purchase.
  const PER_APPEND = 20;
  let round = 0;
  while (written < options.events) {
    const work: (() => Promise<void>)[] = [];
    for (let p = 0; p < programmeIds.length && written + work.length * PER_APPEND < options.events; p += 1) {
      const programmeId = programmeIds[p];
      const count = Math.min(PER_APPEND, options.events - written - work.length * PER_APPEND);
      const kind = (p + round) % 2 === 0 ? 'grant' : 'purchase';
      const charge = { budgetId: budgetOf(p), programmeId };
      work.push(() =>
        append(
          `${kind}-${programmeId}`,
          Array.from({ length: count }, (_, i) =>
            kind === 'grant'
              ? event('GrantAdvancePaid', { grantId: programmeId, ...charge, recipientPartyId: supplierOf(p), paymentId: `v-${round}-${i}`, amountCents: 1_000 + i })
              : event('PurchasePaid', { purchaseId: programmeId, ...charge, supplierPartyId: supplierOf(p + 1), paymentId: `b-${round}-${i}`, amountCents: 2_000 + i }),
          ),
        ),
      );
    }
    await all(work);
    round += 1;
  }
  return {
    programmeIds,
    budgetIds,
    events: written,
    ...(options.heavyProgrammeEvents ? { heavyProgrammeId: HEAVY_PROGRAMME } : {}),
    ...(options.heavyBudgetEvents ? { heavyBudgetId: HEAVY_BUDGET } : {}),
  };
}

interface Writer {
  readonly event: (type: string, data: JsonObject) => EventToAppend;
  readonly append: (streamId: string, events: EventToAppend[]) => Promise<void>;
  readonly all: (work: (() => Promise<void>)[]) => Promise<void>;
  readonly supplier: string;
  readonly owner: string;
}

/** A programme that buys one trajectory at a time under a framework contract, each order paid later. */
async function heavyProgramme(events: number, w: Writer & { readonly budgetIds: readonly string[] }): Promise<void> {
  const contractId = 'gen-heavy-contract';
  await w.append(`programme-${HEAVY_PROGRAMME}`, [
    w.event('ProgrammeLaunched', { programmeId: HEAVY_PROGRAMME, ownerPartyId: w.owner, name: 'Programma met veel inkopen', normBand: { minCents: 200_000, maxCents: 240_000 } }),
  ]);
  const award = { procurementId: 'gen-heavy', contractId, buyerPartyId: w.owner, supplierPartyId: w.supplier, procedure: 'european', ceilingCents: 900_000_000_000, termStart: '2024-01-01', termEnd: '2027-12-31' };
  await w.append('procurement-gen-heavy', [w.event('ContractAwarded', award)]);
  await w.append(`contract-${contractId}`, [w.event('ContractAwarded', award)]);
  await spendInPairs('heavy-programme', events - 4, w, (i) => ({ budgetId: w.budgetIds[i % 10], programmeId: HEAVY_PROGRAMME, contractId }));
}

/** A budget a hundred programmes buy from, one trajectory at a time, each order paid later. */
async function heavyBudget(events: number, w: Writer & { readonly programmeIds: readonly string[] }): Promise<void> {
  await w.append(`budget-${HEAVY_BUDGET}`, [
    w.event('BudgetOpened', { budgetId: HEAVY_BUDGET, ownerPartyId: w.owner, name: 'Begroting met veel uitgaven', fiscalYear: 2024, taakveld: '6.4' }),
    w.event('BudgetFunded', { budgetId: HEAVY_BUDGET, fundingId: 'eigen', source: 'own-means', funderPartyId: w.owner, amountCents: 50_000_000_000 }),
    w.event('BudgetFunded', { budgetId: HEAVY_BUDGET, fundingId: 'rijk', source: 'outside-funder', funderPartyId: 'rijk', amountCents: 50_000_000_000 }),
  ]);
  await spendInPairs('heavy-budget', events - 3, w, (i) => ({ budgetId: HEAVY_BUDGET, programmeId: w.programmeIds[i % 100] }));
}

/** Orders of one trajectory, 64 at a time, then each one's payment: two events per purchase. */
async function spendInPairs(prefix: string, events: number, w: Writer, charge: (i: number) => JsonObject): Promise<void> {
  const purchases = Math.floor(events / 2);
  for (let from = 0; from < purchases; from += 64) {
    const ids = Array.from({ length: Math.min(64, purchases - from) }, (_, k) => from + k);
    const of = (i: number) => ({ purchaseId: `${prefix}-${i}`, ...charge(i), supplierPartyId: w.supplier });
    await w.all(ids.map((i) => () => w.append(`purchase-${prefix}-${i}`, [w.event('TrajectoriesPurchased', { ...of(i), count: 1, unitPriceCents: 10_000, totalCents: 10_000, targetGroup: 'Generated' })])));
    await w.all(ids.map((i) => () => w.append(`purchase-${prefix}-${i}`, [w.event('PurchasePaid', { ...of(i), paymentId: 'p', amountCents: 10_000 })])));
  }
}
