// Reads the read models for the queries: facts by programme, budget, party or stream, the
// journal head at a position, and the cut an `asOf`/`on` pair means.
import type { Statement } from 'better-sqlite3';
import { MerkleFrontier } from '@geldstroom/event-store';
import type { Cut } from './cut';
import { FACT_COLUMNS, factFromTuple, type Fact, type FactTuple } from './facts';
import { foldPools, type PoolFold } from './pools';
import type { ReadStore } from './read-store';
import { visible } from './cut';

export interface JournalHead {
  /** The last journal position the answer includes (0 for an empty journal). */
  readonly position: number;
  readonly treeSize: number;
  /** RFC 6962 tree head over the first `treeSize` events: compare with a digest kept earlier. */
  readonly rootHash: string;
  readonly recordedAt: string | null;
}

export interface CutRequest {
  /** Knowledge time: a journal position, a date (its whole day, UTC) or an ISO instant. */
  readonly asOf?: string;
  /** Effective date, YYYY-MM-DD. */
  readonly on?: string;
}

export interface ResolvedCut extends Cut {
  readonly asOf: string | null;
  readonly journal: JournalHead;
}

const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const POOL_CACHE_MAX = 256;

export class LedgerReader {
  private readonly statements: Record<string, Statement>;
  private readonly poolCache = new Map<string, PoolFold>();
  private readonly names = new Map<string, string>();
  private readonly roots = new Map<number, string>();

  constructor(private readonly readStore: ReadStore) {
    const db = readStore.db;
    this.statements = {
      head: db.prepare('SELECT position, tree_size AS treeSize, recorded_at AS recordedAt FROM facts ORDER BY position DESC LIMIT 1'),
      atPosition: db.prepare('SELECT position, tree_size AS treeSize, recorded_at AS recordedAt FROM facts WHERE position <= ? ORDER BY position DESC LIMIT 1'),
      frontierBefore: db.prepare(
        'SELECT tree_size AS treeSize, position, frontier FROM frontiers WHERE tree_size <= ? ORDER BY tree_size DESC LIMIT 1',
      ),
      hashesAfter: db.prepare('SELECT hash FROM facts WHERE position > ? AND position <= ? ORDER BY position').pluck(),
      byProgramme: db.prepare(`SELECT ${FACT_COLUMNS} FROM facts WHERE programme_id = ? ORDER BY position`).raw(),
      byStream: db.prepare(`SELECT ${FACT_COLUMNS} FROM facts WHERE stream_id = ? AND ledger = 1 ORDER BY position`).raw(),
      byParty: db.prepare(`SELECT ${FACT_COLUMNS} FROM facts WHERE party_id = ? ORDER BY position`).raw(),
      byType: db.prepare(`SELECT ${FACT_COLUMNS} FROM facts WHERE type = ? AND ledger = 1 ORDER BY position`).raw(),
      transferSources: db.prepare(
        "SELECT DISTINCT json_extract(data, '$.fromBudgetId') AS id FROM facts WHERE type = 'BudgetTransferredIn' AND budget_id = ?",
      ),
      byBudget: db.prepare(`SELECT ${FACT_COLUMNS} FROM facts WHERE budget_id = ? ORDER BY position`).raw(),
      budgetsOwnedBy: db.prepare(
        "SELECT DISTINCT budget_id AS id FROM facts WHERE type = 'BudgetOpened' AND json_extract(data, '$.ownerPartyId') = ?",
      ),
      streamsOfCategory: db.prepare('SELECT DISTINCT stream_id AS id FROM facts WHERE stream_id LIKE ? AND ledger = 1 ORDER BY stream_id'),
    };
  }

  /** The journal position and tree head an `asOf` means. */
  resolveCut(request: CutRequest = {}): ResolvedCut {
    const row = (request.asOf === undefined
      ? this.statements.head.get()
      : /^\d+$/.test(request.asOf)
        ? this.statements.atPosition.get(Number(request.asOf))
        : this.lastRecordedBy(instantOf(request.asOf))) as JournalHead | undefined;
    const journal = row ? this.withRoot(row as Omit<JournalHead, 'rootHash'>) : { position: 0, treeSize: 0, rootHash: EMPTY_ROOT, recordedAt: null };
    return { position: journal.position, ...(request.on ? { on: request.on } : {}), asOf: request.asOf ?? null, journal };
  }

  /** The tree head at a journal row: the nearest kept frontier plus the hashes after it. */
  private withRoot(row: Omit<JournalHead, 'rootHash'>): JournalHead {
    const cached = this.roots.get(row.position);
    if (cached) return { ...row, rootHash: cached };
    const kept = this.statements.frontierBefore.get(row.treeSize) as { position: number; frontier: string } | undefined;
    const frontier = kept ? MerkleFrontier.fromJSON(JSON.parse(kept.frontier)) : new MerkleFrontier();
    const from = kept?.position ?? 0;
    for (const hash of this.statements.hashesAfter.all(from, row.position) as string[]) frontier.append(Buffer.from(hash, 'hex'));
    const rootHash = frontier.root().toString('hex');
    if (this.roots.size >= POOL_CACHE_MAX) this.roots.delete(this.roots.keys().next().value!);
    this.roots.set(row.position, rootHash);
    return { ...row, rootHash };
  }

  /**
   * The last event recorded by an instant. recordedAt never decreases along the log, so a binary
   * search over positions finds it through the primary key, with no index on time.
   */
  private lastRecordedBy(instant: string): JournalHead | undefined {
    const at = (position: number) => this.statements.atPosition.get(position) as JournalHead | undefined;
    const head = this.statements.head.get() as JournalHead | undefined;
    if (!head || (head.recordedAt ?? '') <= instant) return head;
    // Invariant: the event at or before `low` (if any) was recorded by the instant; the one at
    // or before `high` was not.
    let [low, high] = [0, head.position];
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      const row = at(middle);
      if (!row || (row.recordedAt ?? '') <= instant) low = middle;
      else high = middle;
    }
    return at(low);
  }

  factsOfProgramme(programmeId: string): Fact[] {
    return this.all('byProgramme', programmeId);
  }

  factsOfStream(streamId: string): Fact[] {
    return this.all('byStream', streamId);
  }

  factsOfParty(partyId: string): Fact[] {
    return this.all('byParty', partyId);
  }

  factsOfType(type: string): Fact[] {
    return this.all('byType', type);
  }

  factsOfBudgets(budgetIds: Iterable<string>): Fact[] {
    const facts: Fact[] = [];
    for (const id of budgetIds) facts.push(...this.all('byBudget', id));
    return facts.sort((a, b) => a.position - b.position);
  }

  budgetsOwnedBy(partyId: string): string[] {
    return (this.statements.budgetsOwnedBy.all(partyId) as { id: string }[]).map((r) => r.id);
  }

  streamIds(category: string): string[] {
    return (this.statements.streamsOfCategory.all(`${category}-%`) as { id: string }[]).map((r) => r.id);
  }

  /** The budgets given and every budget that transferred into them, transitively. */
  budgetClosure(budgetIds: Iterable<string>): Set<string> {
    const closure = new Set<string>();
    const queue = [...budgetIds];
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (closure.has(id)) continue;
      closure.add(id);
      for (const row of this.statements.transferSources.all(id) as { id: string | null }[]) {
        if (row.id && !closure.has(row.id)) queue.push(row.id);
      }
    }
    return closure;
  }

  /**
   * Who paid, for the budgets given: their pools folded with every budget that fed them, as
   * the cut sees them. Memoised by cut, so repeated questions about one ledger state are cheap.
   */
  pools(budgetIds: Iterable<string>, cut: Cut): PoolFold {
    const closure = [...this.budgetClosure(budgetIds)].sort();
    const key = `${cut.position}|${cut.on ?? ''}|${closure.join(',')}`;
    const cached = this.poolCache.get(key);
    if (cached) return cached;
    const fold = foldPools(visible(this.factsOfBudgets(closure), cut));
    if (this.poolCache.size >= POOL_CACHE_MAX) this.poolCache.delete(this.poolCache.keys().next().value!);
    this.poolCache.set(key, fold);
    return fold;
  }

  /** A party's registered name (names are organisations, never persons). */
  partyName(partyId: string): string | undefined {
    if (!this.names.has(partyId)) {
      const registered = this.all('byStream', `party-${partyId}`).find((f) => f.type === 'PartyRegistered');
      if (registered) this.names.set(partyId, String(registered.data.name));
    }
    return this.names.get(partyId);
  }

  private all(statement: string, value: string): Fact[] {
    return (this.statements[statement].all(value) as FactTuple[]).map(factFromTuple);
  }
}

/** A date means its whole day; an instant is taken as given. */
function instantOf(asOf: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `${asOf}T23:59:59.999Z` : new Date(asOf).toISOString();
}
