// The reports of past imports, in `imports/` of the data folder: a folder per import (the same
// file with the same mapping), a JSON file per run of it, so that who wrote the facts and when is
// never overwritten by a later run. They hold counts, reasons and totals by budget, line, party
// and month: never a line's text, so no personal data. Each is written to a temporary name of its
// own and renamed, so a report is whole or absent, however many runs save at once.
import { randomUUID } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportReport } from './booking-imports';

export const IMPORT_ID_PATTERN = /^imp-[0-9a-f]{24}$/;
/** A run's id: a UUIDv7, so that the names of an import's runs sort as the runs started. */
export const RUN_ID_PATTERN = /^run-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A report kept before runs were (one file per import, the last run's): listed as its first run. */
export const RUN_BEFORE_RUNS = 'run-00000000-0000-7000-8000-000000000000';
/** The runs an import's answer lists, the latest; earlier ones stay kept, each reachable by its id. */
export const RUNS_LISTED_MAX = 100;

/** A run as the list of an import's runs shows it. */
export interface ImportRunSummary {
  readonly runId: string;
  readonly actor: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly counts: ImportReport['counts'];
}

export interface KeptImport {
  /** The run asked for, or the latest. */
  readonly report: ImportReport;
  /** The import's runs, oldest first (the latest RUNS_LISTED_MAX). */
  readonly runs: readonly ImportRunSummary[];
  readonly runsTotal: number;
}

export class ImportReports {
  private readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'imports');
  }

  async save(report: ImportReport): Promise<void> {
    if (!IMPORT_ID_PATTERN.test(report.importId) || !RUN_ID_PATTERN.test(report.runId)) throw new Error(`not an import's run: ${report.importId} ${report.runId}`);
    const folder = join(this.folder, report.importId);
    await mkdir(folder, { recursive: true });
    const path = join(folder, `${report.runId}.json`);
    // Unique per save: two runs saving at once must not rename each other's file away.
    const staged = join(folder, `.${report.runId}.${randomUUID()}.tmp`);
    await writeFile(staged, JSON.stringify(report), { encoding: 'utf8', flush: true });
    await rename(staged, path);
  }

  /** An import's run (the latest when none is named) and its runs; undefined when there is no such import or run. */
  async load(importId: string, runId?: string): Promise<KeptImport | undefined> {
    if (!IMPORT_ID_PATTERN.test(importId)) return undefined;
    if (runId !== undefined && !RUN_ID_PATTERN.test(runId)) return undefined;
    const runIds = await this.runIdsOf(importId);
    const chosen = runId ?? runIds[runIds.length - 1];
    if (chosen === undefined || !runIds.includes(chosen)) return undefined;
    const listed = runIds.slice(-RUNS_LISTED_MAX);
    const reports = await Promise.all(listed.map((id) => (id === chosen ? undefined : this.read(importId, id))));
    const report = await this.read(importId, chosen);
    const runs = listed.map((id, i) => summaryOf(id === chosen ? report : reports[i]!));
    return { report, runs, runsTotal: runIds.length };
  }

  /** The runs kept of an import, oldest first. */
  private async runIdsOf(importId: string): Promise<string[]> {
    const names = await readdir(join(this.folder, importId)).catch(absentAs<string[]>([]));
    const runIds = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)).filter((id) => RUN_ID_PATTERN.test(id)).sort();
    const before = await access(this.beforeRunsPath(importId)).then(() => true, absentAs(false));
    return before ? [RUN_BEFORE_RUNS, ...runIds] : runIds;
  }

  private async read(importId: string, runId: string): Promise<ImportReport> {
    const path = runId === RUN_BEFORE_RUNS ? this.beforeRunsPath(importId) : join(this.folder, importId, `${runId}.json`);
    const report = JSON.parse(await readFile(path, 'utf8')) as ImportReport;
    return runId === RUN_BEFORE_RUNS ? { ...report, runId } : report;
  }

  private beforeRunsPath(importId: string): string {
    return join(this.folder, `${importId}.json`);
  }
}

function summaryOf(report: ImportReport): ImportRunSummary {
  return { runId: report.runId, actor: report.actor, startedAt: report.startedAt, finishedAt: report.finishedAt, counts: report.counts };
}

/** For a catch: an absent file or folder is the value given; any other failure is thrown on. */
function absentAs<T>(value: T): (error: unknown) => T {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return value;
    throw error;
  };
}
