// What was spent with a provider, per year, one row a year: contracts, orders, trajectories,
// invoices and payments; grants; and expenses, in all and by each kind of expense.
import { EXPENSE_KINDS } from '@geldstroom/ledger';
import { providerSpend, type ProviderExpenseFigures, type ProviderSpend } from '../../queries/provider-spend';
import { EXPENSE_KINDS_NL } from '../../vocabulary/nl';
import type { TableSource } from '../export-tables';
import { column, type Cell, type TableBody } from '../table';
import { answers, rowsOf, sumMoney } from './rows';

const NO_EXPENSES: ProviderExpenseFigures = { committed: '0.00', invoiced: '0.00', paid: '0.00' };

/** Committed, invoiced and paid of all expenses (`uitgaven`) or of one kind (`inhuur`, ...). */
const expenseColumns = (prefix: string) => [column(`${prefix} verplicht`, 'money'), column(`${prefix} gefactureerd`, 'money'), column(`${prefix} betaald`, 'money')];
const expenseCells = (figures: ProviderExpenseFigures): Cell[] => [figures.committed, figures.invoiced, figures.paid];

const COLUMNS = [
  column('aanbieder-id'),
  column('aanbieder'),
  column('soort'),
  column('jaar', 'integer'),
  column('contracten', 'integer'),
  column('plafonds', 'money'),
  column('afgeroepen', 'money'),
  column('opdrachten', 'integer'),
  column('geannuleerd', 'integer'),
  column('trajecten', 'integer'),
  column('inkoop verplicht', 'money'),
  column('gemiddelde prijs per traject', 'money'),
  column('inkoop gefactureerd', 'money'),
  column('inkoop betaald', 'money'),
  column('subsidies', 'integer'),
  column('subsidie verleend', 'money'),
  column('subsidie betaald', 'money'),
  column('subsidie teruggevorderd', 'money'),
  ...expenseColumns('uitgaven'),
  // Every kind of expense, also one the provider never had: the columns are the same for every provider.
  ...EXPENSE_KINDS.flatMap((kind) => expenseColumns(EXPENSE_KINDS_NL[kind])),
];

export function providerTable({ reader, cut }: TableSource, id: string | undefined, year: number | undefined): TableBody {
  const spend = (partyId: string) => providerSpend(reader, partyId, cut, year === undefined ? {} : { year });
  // Without an id: every party something was spent with, not every party registered.
  const all = answers(reader, cut, 'party', id, spend).filter((answer) => id !== undefined || answer.years.length > 0);
  return { columns: COLUMNS, rows: rowsOf(all, providerRows) };
}

function providerRows(spend: ProviderSpend): Cell[][] {
  return spend.years.map((year) => [
    spend.partyId,
    spend.name,
    spend.kind,
    year.year,
    year.contracts.length,
    sumMoney(year.contracts.map((c) => c.ceiling)),
    sumMoney(year.contracts.map((c) => c.calledOff)),
    year.purchases.count,
    year.purchases.cancelled,
    year.purchases.trajectories,
    year.purchases.committed,
    year.purchases.averagePricePerTrajectory,
    year.purchases.invoiced,
    year.purchases.paid,
    year.grants.count,
    year.grants.awarded,
    year.grants.paid,
    year.grants.reclaimed,
    ...expenseCells(year.expenses),
    ...EXPENSE_KINDS.flatMap((kind) => expenseCells(year.expenses.byKind[kind] ?? NO_EXPENSES)),
  ]);
}
