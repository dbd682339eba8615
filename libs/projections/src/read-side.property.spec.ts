// The read side's promise, on random ledgers: an answer as of any position and on any date,
// read from read models kept up to date event by event (events out of business order,
// reversals, corrections, batches of any size), equals the answer of read models folded from
// nothing out of exactly the events that cut sees, in business order. And the read models
// themselves do not depend on how the events were batched.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@geldstroom/event-store';
import { ReadModelWriter, type WriterOptions } from './engine/read-model-writer';
import { REPOSITORY_CONFIG_DIR, repositoryFindingRules } from './findings/rules';
import { fundingAccountability } from './reports/funding-accountability';
import { iv3Matrix } from './reports/iv3-matrix';
import { rechtmatigheidRegister } from './reports/rechtmatigheid-register';
import { loadReportRules } from './reports/rules/report-rules';
import { budgetExecution } from './queries/budget-execution';
import { findings } from './queries/findings';
import { fundingFlows } from './queries/funding-flows';
import { partyFunding } from './queries/party-funding';
import { programmeCost } from './queries/programme-cost';
import { providerSpend } from './queries/provider-spend';
import { LedgerReader, type Cut } from './queries/reader';
import { partySpending } from './queries/spending';
import { ReadStore } from './store/read-store';
import { TABLES } from './store/schema';
import { RandomLedger, seeded } from './testing/random-ledger';

const RULES = repositoryFindingRules();
const REPORTS = { findings: RULES, reports: loadReportRules(REPOSITORY_CONFIG_DIR) };
const PARTIES = ['gemeente-a', 'gemeente-b', 'gemeente-c', 'rijk', 'leverancier-x', 'leverancier-y'];

let dir: string;
let files = 0;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'geldstroom-read-side-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Read models kept event by event, in batches; small snapshot intervals, so answers read through them. */
function readModels(events: readonly RecordedEvent[], batchSizes: readonly number[] = [events.length], options: WriterOptions = { snapshotEvery: 7, poolSnapshotEvery: 5 }): ReadStore {
  const store = ReadStore.open(join(dir, `read-${(files += 1)}.sqlite`));
  const writer = new ReadModelWriter(store, RULES, options);
  let at = 0;
  for (let i = 0; at < events.length; i += 1) {
    const size = Math.max(1, batchSizes[i % batchSizes.length]);
    writer.write(events.slice(at, at + size));
    at += size;
  }
  return store;
}

/** What an answer takes as knowledge, whatever `on` says: who a party and what a budget is (LedgerReader). */
const KNOWLEDGE: ReadonlySet<string> = new Set(['PartyRegistered', 'BudgetOpened']);

/**
 * The events a cut sees, as a ledger of their own: recorded by then and not reversed by then,
 * dated by then (knowledge whatever its date), renumbered in business order so that nothing is ever
 * out of order or reversed; knowledge first, as the journal always has it before what it names.
 */
function visibleLedger(events: readonly RecordedEvent[], position: number, on: string | null): RecordedEvent[] {
  const known = events.filter((e) => e.position <= position);
  const hidden = new Set(known.filter((e) => e.type === 'EntryReversed').flatMap((e) => [e.data.reversedEventId, e.data.originEventId]).filter(Boolean));
  const origin = (e: RecordedEvent) => (e.metadata.mirrorOf as { eventId?: string } | undefined)?.eventId ?? e.id;
  const date = (e: RecordedEvent) => String(e.data.effectiveDate);
  return known
    .filter((e) => e.type !== 'EntryReversed' && !hidden.has(origin(e)) && (on === null || date(e) <= on || KNOWLEDGE.has(e.type)))
    .sort((a, b) => {
      const [ka, kb] = [KNOWLEDGE.has(a.type), KNOWLEDGE.has(b.type)];
      if (ka !== kb) return ka ? -1 : 1;
      return date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : a.position - b.position;
    })
    .map((e, i) => ({ ...e, position: i + 1 }));
}

/**
 * Everything an answer says about the ledger, without where in a journal it was computed (the
 * ledger folded from nothing numbers its events anew, so the events a finding names are compared
 * as a set, and whether a review is stale, a matter of positions, is left out).
 */
function figures(answer: unknown): unknown {
  return JSON.parse(JSON.stringify(answer ?? null), (key, value: unknown) => {
    if (['journal', 'readModels', 'asOf', 'on', 'position', 'recordedAt', 'evidence', 'stale', 'reviewStale'].includes(key)) return undefined;
    if (key === 'events' && Array.isArray(value)) return [...(value as { eventId: string }[])].sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
    return value;
  });
}

function answers(reader: LedgerReader, cut: Cut): unknown {
  const programmes = ['programme-0', 'programme-1', 'programme-2'].map((id) => programmeCost(reader, id, cut));
  const budgets = ['budget-0', 'budget-1', 'budget-2', 'budget-3'].map((id) => budgetExecution(reader, id, cut));
  const parties = PARTIES.map((id) => [partySpending(reader, id, cut), partyFunding(reader, id, cut), providerSpend(reader, id, cut)]);
  const found = findings(reader, cut, RULES, { limit: 1_000 }).findings;
  // Each entity's own findings, selected through what the findings touched as known then.
  const entities = [...PARTIES.map((id) => `party-${id}`), 'budget-budget-0', 'budget-budget-1', 'programme-programme-0', 'programme-programme-1'];
  const touching = Object.fromEntries(entities.map((entity) => [entity, findings(reader, cut, RULES, { entity, limit: 1_000 }).findings.map((f) => f.id)]));
  const reports = PARTIES.map((id) => [
    iv3Matrix(reader, id, 2024, cut, REPORTS.reports),
    fundingAccountability(reader, id, cut, REPORTS),
    rechtmatigheidRegister(reader, id, 2024, cut, REPORTS),
  ]);
  return figures({ programmes, budgets, parties, flows: fundingFlows(reader, cut), findings: found, touching, reports });
}

function dump(store: ReadStore): string {
  return TABLES.map((table) => JSON.stringify(store.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all())).join('\n');
}

it('answers as of any position and on any date as read models folded from only the events that cut sees', () => {
  fc.assert(
    fc.property(fc.integer(), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), (seed, batches) => {
      const random = seeded(seed);
      const events = new RandomLedger(random).build(120);
      const live = readModels(events, batches);
      const reader = new LedgerReader(live);
      for (let i = 0; i < 6; i += 1) {
        const position = Math.floor(random() * (events.length + 1));
        const on = random() < 0.5 ? null : new Date(Date.UTC(2024, 0, 1 + Math.floor(random() * 360))).toISOString().slice(0, 10);
        const cut = reader.resolveCut({ asOf: String(position), ...(on ? { on } : {}) });
        const oracle = readModels(visibleLedger(events, position, on), undefined, {});
        expect(answers(reader, cut)).toEqual(answers(new LedgerReader(oracle), new LedgerReader(oracle).resolveCut()));
        oracle.close();
      }
      live.close();
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 25), examples: [[-381870269, [1]], [1406801011, [1]], [1938020267, [1]], [358617505, [1]], [-557727291, [1]], [-24, [1]], [0, [1]]] },
  );
});

it('writes the same read models, digest and all, however the events are batched', () => {
  fc.assert(
    fc.property(fc.integer(), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 }), (seed, batches) => {
      const events = new RandomLedger(seeded(seed)).build(150);
      const [one, many] = [readModels(events), readModels(events, batches)];
      expect(dump(many)).toEqual(dump(one));
      expect(many.checkpoint()?.digest).toBe(one.checkpoint()?.digest);
      one.close();
      many.close();
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 15) },
  );
});
