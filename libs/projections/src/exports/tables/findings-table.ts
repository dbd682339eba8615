// The findings as a table: each irregular fact with its entity, date, figures and events, and
// where its review stands.
import type { Finding } from '../../findings/finding';
import { findings, FINDINGS_PAGE_MAX, type FindingsFilter, type ListedFinding } from '../../queries/findings';
import { AMOUNT, isIdentifierPath } from '../../reports/then-and-now';
import { figureFieldNl, figureValueNl, findingKindNl, reviewStateNl } from '../../vocabulary/nl';
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
    detailNl(finding.detail),
    reviewStateNl(review?.state ?? 'not-reviewed'),
    review?.on ?? null,
    review?.note ?? null,
    review?.reviews ?? 0,
    review ? (review.stale ? 'ja' : 'nee') : null,
  ];
}

/**
 * A finding's figures for people, in the order the finding gives them: each by its Dutch name, an
 * amount with a decimal comma as every amount in the file, a word in Dutch, an id or a date as it
 * is ("plafond 60000,00; afgeroepen 70000,00; begrotingen b24, b25").
 */
export function detailNl(detail: Finding['detail']): string | null {
  const valueNl = (field: string, value: string | number | null): string => {
    if (value === null) return '—';
    if (typeof value === 'number') return String(value);
    // A code that looks like an amount (taakveld 6.71) stays as it is.
    return AMOUNT.test(value) && !isIdentifierPath(field) ? value.replace('.', ',') : figureValueNl(field, value);
  };
  const said = Object.entries(detail).map(([field, value]) => {
    const values = Array.isArray(value) ? value.map((v) => valueNl(field, v)).join(', ') || '—' : valueNl(field, value as string | number | null);
    return `${figureFieldNl(field) ?? field} ${values}`;
  });
  return said.join('; ') || null;
}
