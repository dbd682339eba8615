// A party's funding shares and its own view of its spending per year, taakveld and kind, as tables.
import { partyFunding, type FundersOf, type PartyFunding } from '../../queries/party-funding';
import type { PartyAmount } from '../../queries/party-amounts';
import { partySpending } from '../../queries/spending';
import type { TableSource } from '../export-tables';
import { column, type Cell, type TableBody } from '../table';
import { answers, rowsOf } from './rows';
import { PARTY_SPENDING_COLUMNS, partySpendingRows } from './report-tables';

const FUNDING_COLUMNS = [
  column('partij-id'),
  column('partij'),
  column('jaar', 'integer'),
  column('geldstroom'),
  column('financier-id'),
  column('financier'),
  column('bedrag (EUR)', 'money'),
  column('aandeel (%)', 'percent'),
];

export function partyFundingTable({ reader, cut }: TableSource, id: string, year: number | undefined): TableBody {
  const answer = answers(reader, cut, 'party', id, (each) => partyFunding(reader, each, cut, year === undefined ? {} : { year }));
  return { columns: FUNDING_COLUMNS, rows: rowsOf(answer, fundingRows) };
}

function fundingRows(funding: PartyFunding): Cell[][] {
  return funding.years.flatMap((year) => {
    const rows = (flow: string, of: FundersOf, amounts: readonly PartyAmount[] = of.funders): Cell[][] => [
      ...amounts.map((f): Cell[] => [funding.partyId, funding.name, year.year, flow, f.partyId, f.name, f.amount, f.share]),
      [funding.partyId, funding.name, year.year, `${flow}: totaal`, null, null, of.total, null],
    ];
    return [
      ...rows('in de eigen begrotingen, naar uiteindelijke financier', year.intoBudgets),
      ...rows('ontvangen betalingen, naar uiteindelijke financier', year.received),
      ...year.received.directPayers.map((p): Cell[] => [funding.partyId, funding.name, year.year, 'ontvangen betalingen, naar directe betaler', p.partyId, p.name, p.amount, p.share]),
    ];
  });
}

/** A party's own view of its spending: its lasten by taakveld and kind, contributions, and each year's total. */
export function partySpendingTable({ reader, cut }: TableSource, id: string, year: number | undefined): TableBody {
  const answer = answers(reader, cut, 'party', id, (each) => partySpending(reader, each, cut, year === undefined ? {} : { year }));
  return { columns: PARTY_SPENDING_COLUMNS, rows: rowsOf(answer, partySpendingRows) };
}
