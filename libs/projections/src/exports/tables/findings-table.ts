// The findings as a table: each irregular fact with its entity, date, figures and events, and
// where its review stands.
import { findings, FINDINGS_PAGE_MAX, type FindingsFilter, type ListedFinding } from '../../queries/findings';
import { findingKindNl, reviewStateNl } from '../../vocabulary/nl';
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
  column('beoordeeld op'),
  column('toelichting'),
  column('beoordelingen', 'integer'),
  column('beoordeling verouderd'),
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

/** A finding with where its review stands: the latest review, and whether the finding changed since (look again). */
function findingRow(finding: ListedFinding): Cell[] {
  const { review } = finding;
  return [
    finding.id,
    finding.kind,
    findingKindNl(finding.kind),
    finding.entity.streamId,
    finding.date,
    finding.events.map((e) => e.position).join(' '),
    JSON.stringify(finding.detail),
    reviewStateNl(review?.state ?? 'not-reviewed'),
    review?.on ?? null,
    review?.note ?? null,
    review?.reviews ?? 0,
    review ? (review.stale ? 'ja' : 'nee') : null,
  ];
}
