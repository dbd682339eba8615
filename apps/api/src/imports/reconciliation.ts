// Does it add up? The export's totals per budget, allocation line, creditor (the party it maps
// to) and month beside the ledger's totals for the same, read from the read models at a cut, with
// every difference listed. The ledger side is the whole of each budget the export touches: what
// the ledger holds beyond the export (a purchase recorded by hand) shows as a difference.
import { answerCut, isSpendingKind, money, type AnswerCut, type Cut, type ExportTable, type LedgerReader } from '@geldstroom/projections';
import type { ScopeRow } from '@geldstroom/projections/engine/scopes';
import { sumRows } from '@geldstroom/projections/queries/figures';
import { column } from '@geldstroom/projections/exports/table';
import { SUBJECT_KINDS, TOTAL_MEASURES, zeroTotals, type SubjectKind, type Totals, type TotalsBySubject } from './export-totals';

export interface ReconciliationRow {
  readonly subject: SubjectKind;
  /** A budget id, `budget/line`, a party id or a month (YYYY-MM). */
  readonly id: string;
  /** committed, invoiced, realised or funded. */
  readonly measure: string;
  readonly export: string;
  readonly ledger: string;
  /** ledger − export. */
  readonly difference: string;
}

export interface Reconciliation extends AnswerCut {
  /** True when no figure differs. */
  readonly matches: boolean;
  readonly rows: readonly ReconciliationRow[];
  readonly differences: readonly ReconciliationRow[];
}

export function reconcile(reader: LedgerReader, exported: TotalsBySubject, cut: Cut): Reconciliation {
  const ledger = ledgerTotals(reader, exported, cut);
  const rows: ReconciliationRow[] = [];
  for (const subject of SUBJECT_KINDS) {
    const ids = [...new Set([...Object.keys(exported[subject]), ...Object.keys(ledger[subject])])].sort();
    for (const id of ids) {
      const mine = exported[subject][id] ?? zeroTotals();
      const theirs = ledger[subject][id] ?? zeroTotals();
      for (const measure of measuresOf(subject)) {
        rows.push({
          subject,
          id,
          measure: measure.replace(/Cents$/, ''),
          export: money(mine[measure]),
          ledger: money(theirs[measure]),
          difference: money(theirs[measure] - mine[measure]),
        });
      }
    }
  }
  const differences = rows.filter((r) => r.difference !== '0.00');
  return { matches: differences.length === 0, rows, differences, ...answerCut(cut) };
}

/** Funding is a budget's and a month's figure; a creditor is paid, it does not fund. */
function measuresOf(subject: SubjectKind): readonly (keyof Totals)[] {
  return subject === 'party' || subject === 'line' ? TOTAL_MEASURES.filter((m) => m !== 'fundedCents') : TOTAL_MEASURES;
}

function ledgerTotals(reader: LedgerReader, exported: TotalsBySubject, cut: Cut): TotalsBySubject {
  const budgetIds = Object.keys(exported.budget);
  const totals: TotalsBySubject = { budget: {}, line: {}, party: {}, month: {} };
  for (const budgetId of budgetIds) {
    const rows = reader.scopeRows('budget', budgetId, cut);
    totals.budget[budgetId] = totalsOf(rows);
    const lines = new Set(rows.map((r) => String(r.group.line_id ?? '')).filter((l) => l !== ''));
    for (const lineId of lines) totals.line[`${budgetId}/${lineId}`] = totalsOf(rows.filter((r) => r.group.line_id === lineId));
  }
  const charged = new Set(budgetIds);
  for (const partyId of Object.keys(exported.party)) {
    totals.party[partyId] = totalsOf(reader.scopeRows('party', partyId, cut).filter((r) => charged.has(String(r.group.budget_id))));
  }
  for (const month of Object.keys(exported.month)) totals.month[month] = monthTotals(reader, budgetIds, month, cut);
  return totals;
}

function totalsOf(rows: readonly ScopeRow[]): Totals {
  const spending = sumRows(rows.filter((r) => isSpendingKind(r.group.kind))).measures;
  return {
    committedCents: spending.committedCents,
    invoicedCents: spending.invoicedCents,
    realisedCents: spending.realisedCents,
    fundedCents: sumRows(rows).measures.fundedCents,
  };
}

/** A month's figures: the budgets as they stood on its last day, less as they stood the day before it began. */
function monthTotals(reader: LedgerReader, budgetIds: readonly string[], month: string, cut: Cut): Totals {
  const end = lastDayOf(month);
  const before = dayBefore(`${month}-01`);
  const sum = zeroTotals();
  for (const budgetId of budgetIds) {
    const atEnd = totalsOf(reader.scopeRows('budget', budgetId, { ...cut, on: end }));
    const atStart = totalsOf(reader.scopeRows('budget', budgetId, { ...cut, on: before }));
    for (const measure of TOTAL_MEASURES) sum[measure] += atEnd[measure] - atStart[measure];
  }
  return sum;
}

function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()).padStart(2, '0')}`;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

const SUBJECT_WORDS: Record<SubjectKind, string> = { budget: 'begroting', line: 'begrotingsregel', party: 'crediteur (partij)', month: 'maand' };
const MEASURE_WORDS: Record<string, string> = { committed: 'verplicht', invoiced: 'gefactureerd', realised: 'gerealiseerd', funded: 'gedekt (baten)' };

/** The reconciliation as a table for the export writers: Dutch headers, one row per figure. */
export function reconciliationTable(importId: string, reconciliation: Reconciliation, cut: Cut): ExportTable {
  const rows = reconciliation.rows;
  return {
    what: 'import-reconciliation',
    id: importId,
    ...(cut.asOf !== null ? { asOf: cut.asOf } : {}),
    journal: cut.journal,
    columns: [column('Onderwerp'), column('Id'), column('Bedrag'), column('Export', 'money'), column('Grootboek (Geldstroom)', 'money'), column('Verschil', 'money')],
    rows: (async function* () {
      for (const row of rows) yield [SUBJECT_WORDS[row.subject], row.id, MEASURE_WORDS[row.measure] ?? row.measure, row.export, row.ledger, row.difference];
    })(),
  };
}
