// A budget's execution as a table: a row per allocation line, one for what is on no line (the
// budget not allocated to a line, and spending charged to none), and the budget's totals. On every
// row begroot − verplicht = beschikbaar, and the rows above the total add up to it.
import { budgetExecution, type BudgetExecution } from '../../queries/budget-execution';
import type { TableSource } from '../export-tables';
import { column, ExportRequestError, type Cell, type TableBody } from '../table';
import { answers, differenceMoney, rowsOf } from './rows';

const COLUMNS = [
  column('begroting-id'),
  column('begroting'),
  column('eigenaar-id'),
  column('eigenaar'),
  column('begrotingsjaar', 'integer'),
  column('taakveld'),
  column('rij'),
  column('regel-id'),
  column('omschrijving'),
  column('oorspronkelijk', 'money'),
  column('wijzigingen', 'money'),
  column('overhevelingen in', 'money'),
  column('overhevelingen uit', 'money'),
  column('huidige begroting', 'money'),
  column('begroot', 'money'),
  column('verplicht', 'money'),
  column('obligo', 'money'),
  column('gerealiseerd', 'money'),
  column('beschikbaar', 'money'),
  column('overschrijding', 'money'),
];

/** One budget's, or every budget's (of one fiscal year, when given). */
export function budgetTable({ reader, cut }: TableSource, id: string | undefined, year: number | undefined): TableBody {
  const all = answers(reader, cut, 'budget', id, (each) => budgetExecution(reader, each, cut));
  // One budget asked of another year: said, not answered with an empty table.
  if (id !== undefined && year !== undefined && all[0].fiscalYear !== year) throw new ExportRequestError(`budget ${id} is of fiscal year ${all[0].fiscalYear}, not ${year}`);
  return { columns: COLUMNS, rows: rowsOf(all.filter((b) => year === undefined || b.fiscalYear === year), budgetRows) };
}

function budgetRows(execution: BudgetExecution): Cell[][] {
  const head: Cell[] = [execution.budgetId, execution.name, execution.ownerPartyId, execution.ownerName, execution.fiscalYear, execution.taakveld];
  const { totals, withoutLine } = execution;
  const noFunding = [null, null, null, null, null];
  return [
    ...execution.lines.map((line): Cell[] => [
      ...head, 'regel', line.lineId, line.description, ...noFunding, line.allocated, line.committed, line.obligo, line.realised, line.available, line.overrunAmount,
    ]),
    [
      ...head, 'niet op een regel', null, null, ...noFunding, totals.unallocated, withoutLine.committed, withoutLine.obligo, withoutLine.realised,
      differenceMoney(totals.unallocated, withoutLine.committed), null,
    ],
    [
      ...head, 'totaal', null, null, execution.initial, execution.amendments, execution.transfersIn, execution.transfersOut, execution.current,
      execution.current, totals.committed, totals.obligo, totals.realised, totals.available, totals.overrunAmount,
    ],
  ];
}
