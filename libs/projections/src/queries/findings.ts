// Findings: the real but irregular facts an accountant must see, each naming its events and the
// entity it is about. "Now" and `asOf` are read from the findings the projector kept (and their
// versions); `on` derives them again at the cut, from every subject that could have one then.
import { deriveFindings, subjects, type Subject } from '../findings/derive';
import { compareFindings, type Finding, type FindingKind } from '../findings/finding';
import { SqlFindingInputs } from '../findings/inputs';
import type { FindingRules } from '../findings/rules';
import { isSpendingKind, sumRows } from './figures';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

export const FINDINGS_PAGE_MAX = 1_000;
export const FINDINGS_PAGE_DEFAULT = 100;

export interface FindingsAnswer extends AnswerCut {
  /** How many findings match, over all pages. */
  readonly count: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly findings: readonly Finding[];
  /** Pass as `offset` for the next page; null on the last. */
  readonly next: number | null;
}

export interface FindingsFilter {
  readonly kind?: FindingKind;
  readonly offset?: number;
  readonly limit?: number;
}

export function findings(reader: LedgerReader, cut: Cut, rules: FindingRules, filter: FindingsFilter = {}): FindingsAnswer {
  const offset = filter.offset ?? 0;
  const limit = Math.min(filter.limit ?? FINDINGS_PAGE_DEFAULT, FINDINGS_PAGE_MAX);
  if (reader.isNow(cut)) return currentPage(reader, cut, filter.kind, offset, limit);
  const all = (cut.on === null ? known(reader, cut) : derivedAt(reader, cut, rules)).filter((f) => filter.kind === undefined || f.kind === filter.kind);
  const byKind: Record<string, number> = {};
  for (const finding of all) byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
  return {
    count: all.length,
    byKind,
    findings: all.slice(offset, offset + limit),
    next: offset + limit < all.length ? offset + limit : null,
    ...answerCut(cut),
  };
}

/** One page of the findings as now known, read in the list's order from the kept table. */
function currentPage(reader: LedgerReader, cut: Cut, kind: FindingKind | undefined, offset: number, limit: number): FindingsAnswer {
  const db = reader.readStore.db;
  const where = kind === undefined ? '' : 'WHERE kind = @kind';
  const params = kind === undefined ? {} : { kind };
  const bodies = db.prepare(`SELECT body FROM findings ${where} ORDER BY date, id LIMIT @limit OFFSET @offset`).pluck().all({ ...params, limit, offset }) as string[];
  const counts = db.prepare(`SELECT kind, count(*) FROM findings ${where} GROUP BY kind ORDER BY kind`).raw().all(params) as [string, number][];
  const count = counts.reduce((sum, [, n]) => sum + n, 0);
  return {
    count,
    byKind: Object.fromEntries(counts),
    findings: bodies.map((body) => JSON.parse(body) as Finding),
    next: offset + limit < count ? offset + limit : null,
    ...answerCut(cut),
  };
}

/**
 * Every finding the cut sees dated within [from, to] (business dates), in the list's order: read
 * from the kept table for now, from the versions for `asOf`, derived again for `on`.
 */
export function findingsDated(reader: LedgerReader, cut: Cut, rules: FindingRules, from: string, to: string): Finding[] {
  const within = (f: Finding) => f.date >= from && f.date <= to;
  if (reader.isNow(cut)) {
    const bodies = reader.readStore.db.prepare('SELECT body FROM findings WHERE date >= ? AND date <= ? ORDER BY date, id').pluck().all(from, to) as string[];
    return bodies.map((body) => JSON.parse(body) as Finding);
  }
  return (cut.on === null ? known(reader, cut) : derivedAt(reader, cut, rules)).filter(within);
}

/** The findings as known at an earlier position: the versions known then. */
function known(reader: LedgerReader, cut: Cut): Finding[] {
  const bodies = reader.readStore.db
    .prepare('SELECT body FROM finding_versions WHERE known_from <= ? AND (known_to IS NULL OR known_to > ?)')
    .pluck()
    .all(cut.position, cut.position) as string[];
  return bodies.map((body) => JSON.parse(body) as Finding).sort(compareFindings);
}

/**
 * Derived at the cut: every budget, contract and supplier (a limit can be passed by a date and
 * not since), the spending of every programme ended by then, and every other subject that has
 * had a finding.
 */
export function derivedAt(reader: LedgerReader, cut: Cut, rules: FindingRules): Finding[] {
  const candidates = new Set<Subject>(reader.readStore.db.prepare('SELECT DISTINCT subject FROM finding_versions WHERE known_from <= ?').pluck().all(cut.position) as string[]);
  for (const unit of reader.unitsOf('budget', cut)) if (unit.kind === 'budget') candidates.add(subjects.budget(unit.state.budgetId));
  for (const unit of reader.unitsOf('contract', cut)) if (unit.kind === 'contract') candidates.add(subjects.contract(unit.state.contractId));
  for (const partyId of [...reader.providers(cut), ...reader.payees(cut)]) candidates.add(subjects.supplier(partyId));
  // A programme can end more than once; the end a date sees can make spending late that no later end did.
  for (const unit of reader.unitsOf('programme', cut)) {
    if (unit.kind !== 'programme' || !unit.state.ended) continue;
    for (const movement of reader.movementsAt('programme', unit.state.programmeId, cut)) candidates.add(subjects.spent(unit.state.programmeId, movement.eventPosition));
  }
  const inputs = new SqlFindingInputs(reader.readStore.db, { position: cut.position, on: cut.on }, {
    unit: (unitId) => reader.unit(unitId, cut),
    budgetFigures: (budgetId) => budgetFigures(reader, budgetId, cut),
    calledOffCents: (contractId, supplierPartyId) =>
      sumRows(reader.scopeRows('party', supplierPartyId, cut).filter((r) => r.group.contract_id === contractId)).measures.committedCents,
  });
  return [...candidates].sort().flatMap((subject) => deriveFindings(subject, inputs, rules)).sort(compareFindings);
}

function budgetFigures(reader: LedgerReader, budgetId: string, cut: Cut): { limitCents: number; chargedCents: number } | undefined {
  if (!reader.budget(budgetId, cut)) return undefined;
  const rows = reader.scopeRows('budget', budgetId, cut);
  const m = sumRows(rows).measures;
  return { limitCents: m.fundedCents + m.amendedCents + m.transferredInCents - m.transferredOutCents, chargedCents: sumRows(rows.filter((r) => isSpendingKind(r.group.kind))).measures.committedCents };
}
