// The global journal, paged, oldest first, as stored: every ledger and access event with its
// metadata and hashes, and beside each the amount and the party it names. Filters (type, entity,
// party, business dates, amount) are SQL over the facts table's indexed columns; the events of a
// page are then read from the store itself, since the read models keep no previous hash.
import type { EventStore, HashScheme, JsonObject, Position, RecordedEvent } from '@geldstroom/event-store';
import { categoryOf, LEDGER_CATEGORIES } from '../model/ledger-fact';
import { money } from '../model/money';
import type { Cut, JournalHead, LedgerReader } from './reader';

export const JOURNAL_PAGE_MAX = 500;

export interface JournalFilter {
  /** Only these event types. */
  readonly types?: readonly string[];
  /** Only the events of this entity (`<category>-<id>`), and for a budget or programme what is charged to or serves it. */
  readonly entity?: string;
  /** Only the events naming this party, or charged to one of its budgets. */
  readonly party?: string;
  /** Business dates, inclusive (YYYY-MM-DD). */
  readonly from?: string;
  readonly to?: string;
  /** The event's amount, inclusive, in cents. */
  readonly amountMinCents?: number;
  readonly amountMaxCents?: number;
}

export interface JournalRequest {
  /** Events strictly after this position. */
  readonly after: Position;
  readonly limit: number;
  readonly filter?: JournalFilter;
  /** The journal as known then (knowledge time): the page ends at the cut. Default: now. */
  readonly cut?: Cut;
}

export interface JournalCounterparty {
  readonly partyId: string;
  readonly name: string | null;
}

export interface JournalEvent {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
  /** The business date of a ledger event; null for access events. */
  readonly effectiveDate: string | null;
  /** The amount the event names, two decimals; null when it names none. */
  readonly amount: string | null;
  /** The party it names beside the budget: funder, recipient, supplier, payee, buyer or owner. */
  readonly counterparty: JournalCounterparty | null;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly hash: string;
  readonly previousHash: string;
  readonly hashScheme: HashScheme;
}

export interface JournalPage {
  readonly after: number;
  readonly limit: number;
  /** The filter applied, as understood; empty for the whole journal. */
  readonly filter: JournalFilter;
  readonly events: readonly JournalEvent[];
  /** Pass as `after` for the next page; null when this page reaches the end of the cut. */
  readonly next: number | null;
  /** Pass as `after` for the page before this one; null on the first page. */
  readonly previous: number | null;
  /** The tree head after the last event of the page (or at `after` for an empty page). */
  readonly journal: JournalHead;
  /** The last position the journal holds as of the cut (the head, for now). */
  readonly headPosition: number;
  readonly asOf: string | null;
  /** The read models the page's amounts, counterparties and filters were read from. */
  readonly readModels: Cut['readModels'];
}

/** Ledger streams and the access stream: what the journal holds, as the store holds it. */
const JOURNAL_CATEGORIES = new Set([...LEDGER_CATEGORIES, 'access']);

interface FactFacets {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly ledger: number;
  readonly effectiveDate: string;
  readonly amountCents: number | null;
  readonly counterpartyId: string | null;
}

const FACETS_SELECT =
  'position, stream_id AS streamId, revision, ledger, effective_date AS effectiveDate, amount_cents AS amountCents, counterparty_id AS counterpartyId';

/** One page of the journal, up to the cut, so the tree head named for the page is one the read models know. */
export async function journalPage(store: EventStore, reader: LedgerReader, request: JournalRequest): Promise<JournalPage> {
  const { after, limit } = request;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > JOURNAL_PAGE_MAX) throw new RangeError(`limit must be 1 to ${JOURNAL_PAGE_MAX}`);
  const cut = request.cut ?? reader.resolveCut();
  const filter = request.filter ?? {};
  const until = cut.journal.position;
  const where = filterSql(reader, filter, cut);
  const rows = factsPage(reader, where, after, until, limit + 1);
  const shown = rows.slice(0, limit);
  const events = await eventsOf(store, shown, isEmpty(filter));
  const last = shown.length > 0 ? shown[shown.length - 1].position : after;
  return {
    after,
    limit,
    filter,
    events: events.map((event, i) => journalEvent(event, shown[i], reader, cut)),
    next: rows.length > limit ? last : null,
    previous: previousAfter(reader, where, after, limit),
    journal: reader.resolveCut({ asOf: String(Math.min(last, until)) }).journal,
    headPosition: until,
    asOf: cut.asOf,
    readModels: cut.readModels,
  };
}

interface Where {
  readonly clauses: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
}

function isEmpty(filter: JournalFilter): boolean {
  return Object.values(filter).every((value) => value === undefined);
}

/** The filter as SQL over the facts table: every clause narrows, and each has an index or a range to use. */
function filterSql(reader: LedgerReader, filter: JournalFilter, cut: Cut): Where {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.types !== undefined) {
    clauses.push('ledger = 1 AND type IN (SELECT value FROM json_each(@types))');
    params.types = JSON.stringify(filter.types);
  }
  if (filter.entity !== undefined) {
    const category = categoryOf(filter.entity);
    const id = filter.entity.slice(category.length + 1);
    clauses.push(`(stream_id = @entity OR unit_id = @entity${category === 'budget' ? ' OR budget_id = @entityId' : category === 'programme' ? ' OR programme_id = @entityId' : ''})`);
    Object.assign(params, { entity: filter.entity, entityId: id });
  }
  if (filter.party !== undefined) {
    const budgets = reader.budgets(cut).filter((b) => b.ownerPartyId === filter.party).map((b) => b.budgetId);
    clauses.push("(counterparty_id = @party OR stream_id = 'party-' || @party OR budget_id IN (SELECT value FROM json_each(@partyBudgets)))");
    Object.assign(params, { party: filter.party, partyBudgets: JSON.stringify(budgets) });
  }
  if (filter.from !== undefined) (clauses.push('ledger = 1 AND effective_date >= @from'), (params.from = filter.from));
  if (filter.to !== undefined) (clauses.push('ledger = 1 AND effective_date <= @to'), (params.to = filter.to));
  if (filter.amountMinCents !== undefined) (clauses.push('amount_cents >= @amountMin'), (params.amountMin = filter.amountMinCents));
  if (filter.amountMaxCents !== undefined) (clauses.push('amount_cents <= @amountMax'), (params.amountMax = filter.amountMaxCents));
  return { clauses, params };
}

/** The journal's streams only: the log may hold others (none today), which the journal never shows. */
const IN_JOURNAL = `(ledger = 1 OR substr(stream_id, 1, instr(stream_id, '-') - 1) IN (${[...JOURNAL_CATEGORIES].map((c) => `'${c}'`).join(', ')}))`;

function factsPage(reader: LedgerReader, where: Where, after: number, until: number, count: number): FactFacets[] {
  const sql = `SELECT ${FACETS_SELECT} FROM facts WHERE position > @after AND position <= @until AND ${[IN_JOURNAL, ...where.clauses].join(' AND ')}
    ORDER BY position LIMIT @count`;
  return reader.readStore.db.prepare(sql).all({ ...where.params, after, until, count }) as FactFacets[];
}

/** Where the page before this one starts: `limit` matching events back from `after`. */
function previousAfter(reader: LedgerReader, where: Where, after: number, limit: number): number | null {
  if (after === 0) return null;
  const sql = `SELECT position FROM facts WHERE position <= @after AND ${[IN_JOURNAL, ...where.clauses].join(' AND ')} ORDER BY position DESC LIMIT @count`;
  const positions = reader.readStore.db.prepare(sql).pluck().all({ ...where.params, after, count: limit + 1 }) as number[];
  return positions.length > limit ? positions[limit] : 0;
}

/**
 * The stored events of the page's facts: one read of the log when the page is the journal in a
 * row, one event at a time from its stream when a filter leaves gaps between them.
 */
async function eventsOf(store: EventStore, facts: readonly FactFacets[], contiguous: boolean): Promise<RecordedEvent[]> {
  if (facts.length === 0) return [];
  const wanted = new Set(facts.map((f) => f.position));
  if (contiguous) {
    const events: RecordedEvent[] = [];
    const after = facts[0].position - 1;
    for await (const event of store.readAll({ ...(after > 0 ? { after } : {}) })) {
      if (event.position > facts[facts.length - 1].position) break;
      if (wanted.has(event.position)) events.push(event);
    }
    if (events.length === facts.length) return events;
  }
  return Promise.all(facts.map((fact) => eventAt(store, fact)));
}

async function eventAt(store: EventStore, fact: FactFacets): Promise<RecordedEvent> {
  for await (const event of store.readStream(fact.streamId, { fromRevision: fact.revision, maxCount: 1 })) {
    if (event.position !== fact.position) break;
    return event;
  }
  throw new Error(`the read models place ${fact.streamId}@${fact.revision} at ${fact.position}, the store does not`);
}

/** Fields of access events that no reader needs: a token's hash and id stay in the store. */
const WITHHELD = ['tokenHash', 'tokenId'];

function journalEvent(event: RecordedEvent, facets: FactFacets, reader: LedgerReader, cut: Cut): JournalEvent {
  const { position, streamId, revision, id, type, recordedAt, metadata, hash, previousHash, hashScheme } = event;
  if (position !== facets.position) throw new Error(`journal page out of step at ${position}`);
  let data = event.data;
  if (categoryOf(streamId) === 'access') {
    data = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, WITHHELD.includes(key) ? '(withheld)' : value]));
  }
  const counterparty = facets.counterpartyId === null ? null : { partyId: facets.counterpartyId, name: reader.partyName(facets.counterpartyId, cut) };
  return {
    position,
    streamId,
    revision,
    eventId: id,
    type,
    recordedAt,
    effectiveDate: facets.ledger === 1 ? facets.effectiveDate : null,
    amount: facets.amountCents === null ? null : money(facets.amountCents),
    counterparty,
    data,
    metadata,
    hash,
    previousHash,
    hashScheme,
  };
}
