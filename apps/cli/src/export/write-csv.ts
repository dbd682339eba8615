// Writes an export as CSV: the About rows, a blank record, the header, then the table.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvRecord, safeCell } from './csv';
import { aboutRows, type ExportTable } from './table';

export async function writeCsv(table: ExportTable, out: Writable): Promise<void> {
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  for (const row of aboutRows(table)) await write(csvRecord(row));
  await write(csvRecord([]));
  await write(csvRecord(table.columns.map((c) => c.header)));
  for await (const row of table.rows) {
    await write(csvRecord(row.map((cell, i) => safeCell(cell, table.columns[i].kind))));
  }
}
