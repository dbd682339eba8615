// The read models' tables. Facts, movements, snapshots and finding versions are only ever
// appended; units, pools, attributions, the scopes' day rows and the current findings are
// rewritten as events arrive. Every table is covered by the read-model digest (digest.ts).
import { MEASURE_COLUMNS, SCOPES, type ScopeDefinition } from '../engine/scopes';

/** Raised whenever a table's shape or meaning changes: a file of another version is rebuilt. */
export const SCHEMA_VERSION = '25';

const measures = MEASURE_COLUMNS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n  ');

const groupColumnType = (column: string): string => (column === 'year' ? "INTEGER NOT NULL DEFAULT 0" : "TEXT NOT NULL DEFAULT ''");

function scopeTables(scope: ScopeDefinition): string {
  const groups = scope.groupColumns.map((c) => `${c} ${groupColumnType(c)}`).join(', ');
  const groupNames = scope.groupColumns.join(', ');
  return `
-- ${scope.name}: the sums per ${scope.keyColumn} by ${groupNames} ('' and 0: none), as now known.
CREATE TABLE IF NOT EXISTS ${scope.name}_totals (
  ${scope.keyColumn} TEXT NOT NULL, ${groups},
  ${measures},
  funders TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (${scope.keyColumn}, ${groupNames})
) WITHOUT ROWID;
-- The same by business date.
CREATE TABLE IF NOT EXISTS ${scope.name}_days (
  ${scope.keyColumn} TEXT NOT NULL, day TEXT NOT NULL, ${groups},
  ${measures},
  funders TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (${scope.keyColumn}, day, ${groupNames})
) WITHOUT ROWID;
-- The same sums as known at a journal position, every ${scope.snapshotEvery} movements of an entity.
CREATE TABLE IF NOT EXISTS ${scope.name}_snapshots (
  ${scope.keyColumn} TEXT NOT NULL, position INTEGER NOT NULL, ${groups},
  ${measures},
  funders TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (${scope.keyColumn}, position, ${groupNames})
) WITHOUT ROWID;`;
}

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL,
  frontier TEXT NOT NULL,
  digest TEXT NOT NULL
);
-- The Merkle frontier every FRONTIER_EVERY events: a tree head at any position is the nearest
-- one before it plus the few event hashes after it.
CREATE TABLE IF NOT EXISTS frontiers (
  tree_size INTEGER PRIMARY KEY,
  position  INTEGER NOT NULL,
  frontier  TEXT    NOT NULL
);
-- The read models' digest at every checkpoint, beside the journal's tree head.
CREATE TABLE IF NOT EXISTS digests (
  position INTEGER PRIMARY KEY,
  tree_size INTEGER NOT NULL,
  root_hash TEXT NOT NULL,
  digest TEXT NOT NULL
);
-- Every event of the log in order; the ledger's with what the read side needs of them.
CREATE TABLE IF NOT EXISTS facts (
  position INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  -- The event a reversal names to reach this one: its own id, or for a mirror its origin's.
  origin_id TEXT NOT NULL,
  mirror INTEGER NOT NULL,
  stream_id TEXT NOT NULL,
  unit_id TEXT,
  pool_budget_id TEXT,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  -- The latest recordedAt up to here: instants are looked up by it, whatever one store's clock did.
  recorded_max TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  hash TEXT NOT NULL,
  tree_size INTEGER NOT NULL,
  ledger INTEGER NOT NULL,
  data TEXT NOT NULL,
  source_reference TEXT,
  actor TEXT,
  -- How many other streams the event's outbox names (a transfer's receiving side, a contract's).
  mirrors INTEGER NOT NULL DEFAULT 0,
  -- What the journal shows and is filtered by (engine/journal-facets.ts).
  amount_cents INTEGER,
  counterparty_id TEXT,
  budget_id TEXT,
  programme_id TEXT,
  -- A fact an import of booking lines recorded: the id it made of the line's natural key (one line, one fact).
  booking_line_id TEXT
);
-- What the projector looks facts up by while it folds: an entity's events, a reversal's targets
-- and a pool's inputs, each in business order.
CREATE INDEX IF NOT EXISTS facts_unit ON facts (unit_id, effective_date, position) WHERE unit_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS facts_origin ON facts (origin_id);
CREATE INDEX IF NOT EXISTS facts_pool ON facts (pool_budget_id, effective_date, position) WHERE pool_budget_id IS NOT NULL;
-- A supplier's contracts, for the split-purchase finding (few rows: only the awards are indexed).
CREATE INDEX IF NOT EXISTS facts_contract_supplier ON facts (json_extract(data, '$.supplierPartyId')) WHERE type = 'ContractAwarded';
-- A finding's reviews, for the findings on one page: read by finding, not all of the ledger's at every answer.
CREATE INDEX IF NOT EXISTS facts_finding_review ON facts (json_extract(data, '$.findingId'), position) WHERE type = 'FindingReviewed';
-- The flagged events of an entity (paid above what was invoiced, ...): read again whenever another
-- fact of the entity may change its excess, so only the few flagged rows are indexed.
CREATE INDEX IF NOT EXISTS facts_flagged ON facts (unit_id, position) WHERE json_extract(data, '$.flags') IS NOT NULL;
-- A reversed fact and the position of the reversal that hid it.
CREATE TABLE IF NOT EXISTS reversals (
  position INTEGER PRIMARY KEY,
  reversed_at INTEGER NOT NULL
);
-- Each entity's state folded from its visible events, and where it stands in business order.
CREATE TABLE IF NOT EXISTS units (
  unit_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  last_date TEXT,
  last_position INTEGER,
  state TEXT NOT NULL
) WITHOUT ROWID;
-- Each budget's pool (who paid), and its state every POOL_SNAPSHOT_EVERY inputs in business order.
CREATE TABLE IF NOT EXISTS pools (
  budget_id TEXT PRIMARY KEY,
  ordinal INTEGER NOT NULL,
  last_date TEXT,
  last_position INTEGER,
  state TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pool_snapshots (
  budget_id TEXT NOT NULL,
  date TEXT NOT NULL,
  position INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (budget_id, date, position)
) WITHOUT ROWID;
-- What each payment, reclaim and transfer drew from its pool, by ultimate funder, as now known.
CREATE TABLE IF NOT EXISTS attributions (
  position INTEGER PRIMARY KEY,
  budget_id TEXT NOT NULL,
  funders TEXT NOT NULL,
  uncovered_cents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS movements (
  id INTEGER PRIMARY KEY,
  q INTEGER NOT NULL,
  event_position INTEGER NOT NULL,
  date TEXT NOT NULL,
  event_type TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  budget_id TEXT,
  line_id TEXT,
  programme_id TEXT,
  party_id TEXT,
  contract_id TEXT,
  counter_budget_id TEXT,
  unit TEXT,
  ${measures},
  funders TEXT
);
-- The movements the findings walk while they are kept up to date.
CREATE INDEX IF NOT EXISTS movements_budget ON movements (budget_id, q) WHERE budget_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS movements_party ON movements (party_id, q) WHERE party_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS movements_contract ON movements (contract_id, q) WHERE contract_id IS NOT NULL;
-- A contract's call-offs by date: those outside its term, read without walking the rest.
CREATE INDEX IF NOT EXISTS movements_contract_date ON movements (contract_id, date) WHERE contract_id IS NOT NULL;
-- Movements counted per entity of each scope, for the snapshots.
CREATE TABLE IF NOT EXISTS scope_counts (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  movements INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
${SCOPES.map(scopeTables).join('\n')}
-- The findings as now known, and every version of them with the positions it was known between.
CREATE TABLE IF NOT EXISTS findings (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  stream_id TEXT NOT NULL,
  date TEXT NOT NULL,
  since INTEGER NOT NULL,
  body TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS findings_order ON findings (date, id);
CREATE INDEX IF NOT EXISTS findings_subject ON findings (subject);
CREATE TABLE IF NOT EXISTS finding_versions (
  id TEXT NOT NULL,
  known_from INTEGER NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (id, known_from)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS finding_versions_subject ON finding_versions (subject);
-- Where a version stopped being the one known: at the next version, or when the finding went. Kept
-- apart from the version, so that ending one writes a short row rather than its body again.
CREATE TABLE IF NOT EXISTS finding_version_ends (
  id TEXT NOT NULL,
  known_from INTEGER NOT NULL,
  known_to INTEGER NOT NULL,
  PRIMARY KEY (id, known_from)
) WITHOUT ROWID;
-- The entities a finding touches (its own, and the budget, programme, parties and contract of the
-- events it names), for the findings of one entity and the list's filters: from the version that
-- first touched the entity up to the version that no longer does (linked_to NULL: it still does).
-- A new version that touches what the last one did writes nothing here.
CREATE TABLE IF NOT EXISTS finding_links (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  linked_from INTEGER NOT NULL,
  linked_to INTEGER,
  PRIMARY KEY (entity, id, linked_from)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS finding_links_open ON finding_links (id, entity) WHERE linked_to IS NULL;
-- For a budget or contract past its limit: what went past it, walked in business order and kept
-- up to date as events come in order (walked again when one comes earlier or the limit changes).
CREATE TABLE IF NOT EXISTS finding_trackers (
  subject TEXT PRIMARY KEY,
  state TEXT NOT NULL
) WITHOUT ROWID;
-- For possible splitting, as now known: every order and procured expense outside a contract, by
-- supplier and group (buyer, year, kind of service), and per group how many are parts (below the
-- single-quote threshold in force at the group's latest order) and what they add up to; kept up to
-- date order by order, so a supplier's 100,000th order costs what its tenth did.
CREATE TABLE IF NOT EXISTS split_orders (
  unit_id TEXT PRIMARY KEY,
  supplier_party_id TEXT NOT NULL,
  group_key TEXT NOT NULL,
  budget_id TEXT,
  opened_on TEXT NOT NULL,
  opened_position INTEGER NOT NULL,
  value_cents INTEGER NOT NULL
) WITHOUT ROWID;
-- Covering (value_cents too): a group's first parts and its last are read off the index alone.
CREATE INDEX IF NOT EXISTS split_orders_group ON split_orders (supplier_party_id, group_key, opened_on, opened_position, value_cents);
CREATE INDEX IF NOT EXISTS split_orders_budget ON split_orders (budget_id);
CREATE TABLE IF NOT EXISTS split_groups (
  supplier_party_id TEXT NOT NULL,
  group_key TEXT NOT NULL,
  last_on TEXT NOT NULL,
  threshold_id TEXT NOT NULL,
  parts INTEGER NOT NULL,
  parts_cents INTEGER NOT NULL,
  PRIMARY KEY (supplier_party_id, group_key)
) WITHOUT ROWID;
`;

/**
 * Indexes the queries select by, that a rebuild from nothing leaves out and builds once at
 * the end: one sort per index costs far less than keeping them in order through a million inserts.
 */
export const DEFERRED_INDEXES: Readonly<Record<string, string>> = {
  facts_type: 'facts (type) WHERE ledger = 1',
  movements_programme: 'movements (programme_id, q) WHERE programme_id IS NOT NULL',
  // The journal's filters by party, budget and programme.
  facts_counterparty: 'facts (counterparty_id, position) WHERE counterparty_id IS NOT NULL',
  facts_budget: 'facts (budget_id, position) WHERE budget_id IS NOT NULL',
  facts_programme: 'facts (programme_id, position) WHERE programme_id IS NOT NULL',
  // Where an import put a booking line before: a line imported again onto another stream is refused.
  facts_booking_line: 'facts (booking_line_id) WHERE booking_line_id IS NOT NULL',
};

/** Every table of the read models, in the order the digest and the comparison take them. */
export const TABLES: readonly string[] = [
  'frontiers',
  'facts',
  'reversals',
  'units',
  'pools',
  'pool_snapshots',
  'attributions',
  'movements',
  'scope_counts',
  ...SCOPES.flatMap((s) => [`${s.name}_totals`, `${s.name}_days`, `${s.name}_snapshots`]),
  'findings',
  'finding_versions',
  'finding_version_ends',
  'finding_links',
  'finding_trackers',
  'split_orders',
  'split_groups',
];

export const DROP_ALL = [
  'DROP TABLE IF EXISTS checkpoint',
  'DROP TABLE IF EXISTS frontiers',
  'DROP TABLE IF EXISTS digests',
  'DROP VIEW IF EXISTS journal',
  'DROP TABLE IF EXISTS entities',
  ...TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`),
].join(';\n');
