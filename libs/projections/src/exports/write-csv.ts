// Writes an export as CSV for Dutch Excel: the byte order mark, the header, the table, a blank
// record, then the stamp (see table.ts).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvCell, csvRecord } from './csv';
import { stampRows, type ExportTable } from './table';

/** UTF-8's byte order mark: without it Excel reads the file in the machine's code page. */
export const UTF8_BOM = '\uFEFF';

export async function writeCsv(table: ExportTable, out: Writable): Promise<void> {
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(UTF8_BOM + csvRecord(table.columns.map((c) => c.header)));
  for await (const row of table.rows) {
    await write(csvRecord(row.map((cell, i) => csvCell(cell, table.columns[i].kind))));
  }
  await write(csvRecord([]));
  for (const row of stampRows(table)) await write(csvRecord(row));
}
