// The reports of past imports, one JSON file per import in `imports/` of the data folder. They
// hold counts, reasons and totals by budget, line, party and month: never a line's text, so no
// personal data. Written to a temporary name and renamed, so a report is whole or absent.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportReport } from './booking-imports';

export const IMPORT_ID_PATTERN = /^imp-[0-9a-f]{24}$/;

export class ImportReports {
  private readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'imports');
  }

  async save(report: ImportReport): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const path = join(this.folder, `${report.importId}.json`);
    const staged = `${path}.${process.pid}.tmp`;
    await writeFile(staged, JSON.stringify(report), { encoding: 'utf8', flush: true });
    await rename(staged, path);
  }

  /** The report of an import, or undefined when there was none with that id. */
  async load(importId: string): Promise<ImportReport | undefined> {
    if (!IMPORT_ID_PATTERN.test(importId)) return undefined;
    try {
      return JSON.parse(await readFile(join(this.folder, `${importId}.json`), 'utf8')) as ImportReport;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
