// The findings as a table: each irregular fact with its entity, date, figures and events.
import { findings, FINDINGS_PAGE_MAX, type FindingsFilter } from '../../queries/findings';
import type { Finding } from '../../findings/finding';
import { findingKindNl } from '../../vocabulary/nl';
import type { TableSource } from '../export-tables';
import { column, type Cell, type TableBody } from '../table';

const COLUMNS = [
  column('bevinding-id'),
  column('soort'),
  column('omschrijving'),
  column('stroom'),
  column('datum'),
  column('gebeurtenissen (posities)'),
  column('cijfers'),
  column('beoordeling'),
];

export function findingsTable(source: TableSource, filter: Pick<FindingsFilter, 'kind' | 'entity' | 'party' | 'year' | 'review'>): TableBody {
  return { columns: COLUMNS, rows: findingRows(source, filter) };
}

async function* findingRows({ reader, cut, rules }: TableSource, filter: Pick<FindingsFilter, 'kind' | 'entity' | 'party' | 'year' | 'review'>): AsyncIterable<readonly Cell[]> {
  let offset: number | null = 0;
  while (offset !== null) {
    const page = findings(reader, cut, rules.findings, { ...filter, offset, limit: FINDINGS_PAGE_MAX });
    for (const finding of page.findings) yield findingRow(finding);
    offset = page.next;
  }
}

function findingRow(finding: Finding): Cell[] {
  // The review comes with the findings workflow; until a finding carries one, the cell stays empty.
  const review = (finding as Finding & { review?: { state?: string } }).review?.state ?? null;
  return [
    finding.id,
    finding.kind,
    findingKindNl(finding.kind),
    finding.entity.streamId,
    finding.date,
    finding.events.map((e) => e.position).join(' '),
    JSON.stringify(finding.detail),
    review,
  ];
}
