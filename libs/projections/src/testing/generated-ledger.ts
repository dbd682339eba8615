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
  const w = writer(store, options);
  await registerParties(w);
  const budgetIds = await openBudgets(w, options.budgets);
  const programmeIds = await launchProgrammes(w, options.programmes, budgetIds);
  if (options.heavyProgrammeEvents) {
    await heavyProgramme(options.heavyProgrammeEvents, { ...w, budgetIds, supplier: supplier(0), owner: ownerOf(0) });
  }
  if (options.heavyBudgetEvents) {
    await heavyBudget(options.heavyBudgetEvents, { ...w, programmeIds, supplier: supplier(1), owner: ownerOf(1) });
  }
  await payUntilFull(w, options.events, programmeIds, budgetIds);
  return {
    programmeIds,
    budgetIds,
    events: w.written(),
    ...(options.heavyProgrammeEvents ? { heavyProgrammeId: HEAVY_PROGRAMME } : {}),
    ...(options.heavyBudgetEvents ? { heavyBudgetId: HEAVY_BUDGET } : {}),
  };
}

interface Writer {
  readonly event: (type: string, data: JsonObject) => EventToAppend;
  readonly append: (streamId: string, events: EventToAppend[]) => Promise<void>;
  readonly all: (work: (() => Promise<void>)[]) => Promise<void>;
  /** The events appended so far. */
  readonly written: () => number;
}

const municipality = (i: number) => `gemeente-${i}`;
const supplier = (i: number) => `aanbieder-${i}`;
const ownerOf = (b: number) => municipality(b % MUNICIPALITIES);

function writer(store: EventStore, options: GeneratedLedgerOptions): Writer {
  let written = 0;
  let effectiveDay = 0;
  // Business dates spread over two years, as a ledger of that many events would be.
  const day = () => {
    const date = new Date(Date.UTC(2024, 0, 1) + Math.min(729, Math.floor((effectiveDay * 730) / options.events)) * 86_400_000);
    effectiveDay += 1;
    return date.toISOString().slice(0, 10);
  };
  return {
    event: (type, data) => ({
      id: randomUUID(),
      type,
      data: { ...data, effectiveDate: day() },
      metadata: { actor: 'generator', sourceReference: 'generated', schemaVersion: 1 },
    }),
    append: async (streamId, events) => {
      await store.append(streamId, events, 'any');
      written += events.length;
      options.onProgress?.(written);
    },
    all: async (work) => {
      const concurrency = options.concurrency ?? 64;
      for (let i = 0; i < work.length; i += concurrency) await Promise.all(work.slice(i, i + concurrency).map((w) => w()));
    },
    written: () => written,
  };
}

async function registerParties(w: Writer): Promise<void> {
  await w.all([
    ...Array.from({ length: MUNICIPALITIES }, (_, i) => () =>
      w.append(`party-${municipality(i)}`, [w.event('PartyRegistered', { partyId: municipality(i), name: `Gemeente ${i}`, kind: 'municipality' })])),
    ...Array.from({ length: SUPPLIERS }, (_, i) => () =>
      w.append(`party-${supplier(i)}`, [w.event('PartyRegistered', { partyId: supplier(i), name: `Aanbieder ${i}`, kind: 'company' })])),
    () => w.append('party-rijk', [w.event('PartyRegistered', { partyId: 'rijk', name: 'Rijk', kind: 'central-government' })]),
  ]);
}

/** Budgets funded from own means and by the Rijk; every fifth passes money on to the next. */
async function openBudgets(w: Writer, budgets: number): Promise<string[]> {
  const budgetIds = Array.from({ length: budgets }, (_, i) => `gen-budget-${i}`);
  await w.all(
    budgetIds.map((budgetId, b) => () =>
      w.append(`budget-${budgetId}`, [
        w.event('BudgetOpened', { budgetId, ownerPartyId: ownerOf(b), name: `Budget ${b}`, fiscalYear: 2024, taakveld: b % 2 ? '6.4' : '6.5' }),
        w.event('BudgetFunded', { budgetId, fundingId: 'eigen', source: 'own-means', funderPartyId: ownerOf(b), amountCents: 500_000_000 }),
        w.event('BudgetFunded', { budgetId, fundingId: 'rijk', source: 'outside-funder', funderPartyId: 'rijk', amountCents: 250_000_000 }),
      ])),
  );
  // As a municipality contributes to a GR.
  for (let b = 0; b + 1 < budgetIds.length; b += 5) {
    const [from, to] = [budgetIds[b], budgetIds[b + 1]];
    await w.append(`budget-${from}`, [w.event('BudgetTransferredOut', { budgetId: from, transferId: 'bijdrage', toBudgetId: to, amountCents: 100_000_000 })]);
    await w.append(`budget-${to}`, [w.event('BudgetTransferredIn', { budgetId: to, transferId: 'bijdrage', fromBudgetId: from, amountCents: 100_000_000 })]);
  }
  return budgetIds;
}

const budgetOf = (budgetIds: readonly string[], p: number) => budgetIds[p % budgetIds.length];
const supplierOf = (p: number) => supplier(p % SUPPLIERS);

/** Programmes with participants, each with a grant and a purchase charged to a budget. */
async function launchProgrammes(w: Writer, programmes: number, budgetIds: readonly string[]): Promise<string[]> {
  const programmeIds = Array.from({ length: programmes }, (_, p) => `gen-programme-${p}`);
  await w.all(
    programmeIds.map((programmeId, p) => async () => {
      const charge = { budgetId: budgetOf(budgetIds, p), programmeId };
      await w.append(`programme-${programmeId}`, [
        w.event('ProgrammeLaunched', { programmeId, ownerPartyId: ownerOf(p % budgetIds.length), name: `Programma ${p}`, normBand: { minCents: 200_000, maxCents: 240_000 } }),
        w.event('ParticipantsEnrolled', { programmeId, enrolmentId: 'start', count: 10 + (p % 30) }),
      ]);
      await w.append(`grant-${programmeId}`, [
        w.event('GrantAwarded', { grantId: programmeId, ...charge, recipientPartyId: supplierOf(p), amountCents: 10_000_000 }),
      ]);
      await w.append(`purchase-${programmeId}`, [
        w.event('TrajectoriesPurchased', { purchaseId: programmeId, ...charge, supplierPartyId: supplierOf(p + 1), count: 10, unitPriceCents: 250_000, totalCents: 2_500_000, targetGroup: 'Generated' }),
      ]);
    }),
  );
  return programmeIds;
}

/** Payments until the log holds `events`, round after round over every grant and purchase. */
async function payUntilFull(w: Writer, events: number, programmeIds: readonly string[], budgetIds: readonly string[]): Promise<void> {
  const PER_APPEND = 20;
  let round = 0;
  while (w.written() < events) {
    const work: (() => Promise<void>)[] = [];
    for (let p = 0; p < programmeIds.length && w.written() + work.length * PER_APPEND < events; p += 1) {
      const programmeId = programmeIds[p];
      const count = Math.min(PER_APPEND, events - w.written() - work.length * PER_APPEND);
      const kind = (p + round) % 2 === 0 ? 'grant' : 'purchase';
      const charge = { budgetId: budgetOf(budgetIds, p), programmeId };
      work.push(() =>
        w.append(
          `${kind}-${programmeId}`,
          Array.from({ length: count }, (_, i) =>
            kind === 'grant'
              ? w.event('GrantAdvancePaid', { grantId: programmeId, ...charge, recipientPartyId: supplierOf(p), paymentId: `v-${round}-${i}`, amountCents: 1_000 + i })
              : w.event('PurchasePaid', { purchaseId: programmeId, ...charge, supplierPartyId: supplierOf(p + 1), paymentId: `b-${round}-${i}`, amountCents: 2_000 + i }),
          ),
        ),
      );
    }
    await w.all(work);
    round += 1;
  }
}

type Heavy = Writer & { readonly supplier: string; readonly owner: string };

/** A programme that buys one trajectory at a time under a framework contract, each order paid later. */
async function heavyProgramme(events: number, w: Heavy & { readonly budgetIds: readonly string[] }): Promise<void> {
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
async function heavyBudget(events: number, w: Heavy & { readonly programmeIds: readonly string[] }): Promise<void> {
  await w.append(`budget-${HEAVY_BUDGET}`, [
    w.event('BudgetOpened', { budgetId: HEAVY_BUDGET, ownerPartyId: w.owner, name: 'Begroting met veel uitgaven', fiscalYear: 2024, taakveld: '6.4' }),
    w.event('BudgetFunded', { budgetId: HEAVY_BUDGET, fundingId: 'eigen', source: 'own-means', funderPartyId: w.owner, amountCents: 50_000_000_000 }),
    w.event('BudgetFunded', { budgetId: HEAVY_BUDGET, fundingId: 'rijk', source: 'outside-funder', funderPartyId: 'rijk', amountCents: 50_000_000_000 }),
  ]);
  await spendInPairs('heavy-budget', events - 3, w, (i) => ({ budgetId: HEAVY_BUDGET, programmeId: w.programmeIds[i % 100] }));
}

/** Orders of one trajectory, 64 at a time, then each one's payment: two events per purchase. */
async function spendInPairs(prefix: string, events: number, w: Heavy, charge: (i: number) => JsonObject): Promise<void> {
  const purchases = Math.floor(events / 2);
  for (let from = 0; from < purchases; from += 64) {
    const ids = Array.from({ length: Math.min(64, purchases - from) }, (_, k) => from + k);
    const of = (i: number) => ({ purchaseId: `${prefix}-${i}`, ...charge(i), supplierPartyId: w.supplier });
    await w.all(ids.map((i) => () => w.append(`purchase-${prefix}-${i}`, [w.event('TrajectoriesPurchased', { ...of(i), count: 1, unitPriceCents: 10_000, totalCents: 10_000, targetGroup: 'Generated' })])));
    await w.all(ids.map((i) => () => w.append(`purchase-${prefix}-${i}`, [w.event('PurchasePaid', { ...of(i), paymentId: 'p', amountCents: 10_000 })])));
  }
}
