// An export as the writers see it: typed columns, rows streamed (the journal may be long), and
// the journal head the figures were computed at, written into every file.
import type { JournalHead } from '@geldstroom/projections';

/**
 * `money` and `percent` cells are two-decimal strings as the queries give them ("150000.00",
 * "66.67"): CSV writes them as they are; XLSX turns them into numbers only at the very end.
 */
export type ColumnKind = 'text' | 'integer' | 'money' | 'percent';

export interface Column {
  readonly header: string;
  readonly kind: ColumnKind;
}

export type Cell = string | number | null;

export interface ExportTable {
  /** What was exported: `programme-cost`, with the id when one was given. */
  readonly what: string;
  readonly id?: string;
  readonly asOf?: string;
  readonly journal: JournalHead;
  readonly columns: readonly Column[];
  readonly rows: AsyncIterable<readonly Cell[]>;
}

/** The block above the table (CSV) or on the About sheet (XLSX): what, and at which journal head. */
export function aboutRows(table: ExportTable): string[][] {
  return [
    ['Geldstroom export', table.what, ...(table.id ? [table.id] : []), ...(table.asOf ? [`as of ${table.asOf}`] : [])],
    ['journal position', String(table.journal.position)],
    ['tree size', String(table.journal.treeSize)],
    ['root hash', table.journal.rootHash],
  ];
}

export function column(header: string, kind: ColumnKind = 'text'): Column {
  return { header, kind };
}
