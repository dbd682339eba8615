// What was spent with a provider, per year: contracts, orders, trajectories, invoices, payments, grants.
import { providerSpend, type ProviderSpend } from '../../queries/provider-spend';
import type { TableSource } from '../export-tables';
import { column, type Cell, type TableBody } from '../table';
import { answers, rowsOf, sumMoney } from './rows';

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
  column('verplicht', 'money'),
  column('gemiddelde prijs per traject', 'money'),
  column('gefactureerd', 'money'),
  column('betaald', 'money'),
  column('subsidies', 'integer'),
  column('subsidie verleend', 'money'),
  column('subsidie betaald', 'money'),
  column('subsidie teruggevorderd', 'money'),
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
  ]);
}
