// `import-bookings <file> --mapping <mapping.yaml>`: imports a financial system's export of booking
// lines through the command bus of an application context in this process (no HTTP), or, when an
// API keeps the data folder, through that API's POST /v1/imports/bookings as the recorder whose
// token is given (two processes must not write one read-model file); writes the lines it refused
// to `<file>.refused.csv` and the reconciliation to `<file>.reconciliation.csv` either way.
import { createWriteStream, openAsBlob, type WriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import { NestFactory } from '@nestjs/core';
import { Command, Option } from 'nest-commander';
import { v7 as uuidv7 } from 'uuid';
import { csvCell, csvRecord, ReadModelLock, UTF8_BOM, writeExport, type Cut } from '@geldstroom/projections';
import { AppModule } from '../../../api/src/app.module';
import { ENCODINGS, MappingError, parseMapping, type Encoding } from '../../../api/src/imports/booking-mapping';
import { BookingImports, type ImportAnswer } from '../../../api/src/imports/booking-imports';
import { ImportStoppedError, type RefusedLine } from '../../../api/src/imports/booking-import';
import { cellText } from '../../../api/src/imports/booking-line';
import { FileRefusedError, inspectFile, readRows } from '../../../api/src/imports/booking-source';
import { reconciliationTable } from '../../../api/src/imports/reconciliation';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { checkWritable, CLI_ACTOR, configure, fail, say, unreadable, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';
import { progressBar } from '../progress';

interface ImportBookingsOptions extends LedgerOptions {
  readonly mapping?: string;
  readonly dryRun?: boolean;
  readonly encoding?: Encoding;
  readonly report?: string;
  readonly token?: string;
}

@Command({
  name: 'import-bookings',
  arguments: '<file>',
  argsDescription: { file: "a financial system's export of booking lines: CSV (';', decimal commas, UTF-8 or Windows-1252) or XLSX" },
  description:
    'Import booking lines as ledger facts through the same command path as the API (deciders, idempotency): a mapping file says ' +
    'which columns, budgets, creditors and kinds of line are which. Lines already imported write nothing. Refused lines go with ' +
    'their reason to <file>.refused.csv; the reconciliation of the export with the ledger to <file>.reconciliation.csv. ' +
    'When an API keeps the data folder, the file goes to its POST /v1/imports/bookings as the recorder --token names. ' +
    'Exit code 0 when no line was refused, 1 otherwise.',
})
export class ImportBookingsCommand extends LedgerCommand {
  @Option({ flags: '--mapping <file>', description: 'the mapping file (YAML); see config/booking-mappings/', required: true })
  parseMapping(value: string): string {
    return value;
  }

  @Option({ flags: '--dry-run', description: 'read and map every line, write nothing to the ledger, report what would be written' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--encoding <encoding>', description: `the CSV's encoding, over the mapping's: ${ENCODINGS.join(', ')}`, choices: [...ENCODINGS] })
  parseEncoding(value: string): Encoding {
    return value as Encoding;
  }

  @Option({ flags: '--token <token>', description: "A recorder's API token, to import through an API that keeps the same data folder (default: GELDSTROOM_TOKEN)" })
  parseToken(value: string): string {
    return value;
  }

  @Option({ flags: '--report <file>', description: 'where the reconciliation goes (.csv or .xlsx); default <file>.reconciliation.csv' })
  parseReport(value: string): string {
    return value;
  }

  async run([file]: string[], options: ImportBookingsOptions): Promise<void> {
    const config = configure(options);
    const mappingText = await readFile(options.mapping!, 'utf8').catch((error: unknown) => {
      throw unreadable(options.mapping!, error);
    });
    const stats = await stat(file).catch((error: unknown) => {
      throw unreadable(file, error);
    });
    if (!stats.isFile()) throw unreadable(file, Object.assign(new Error(), { code: 'EISDIR' }));
    // Before a line is imported: a report that cannot be written would come after the lines were.
    for (const out of [options.report ?? `${file}.reconciliation.csv`, `${file}.refused.csv`]) {
      await checkWritable(out).catch((error: Error) => {
        throw new Error(`Not imported, nothing written: ${error.message}`);
      });
    }
    const projections = join(config.GELDSTROOM_DATA_DIR, 'projections.sqlite');
    if (ReadModelLock.isHeld(projections)) {
      const url = ReadModelLock.holderOf(projections)?.url;
      const token = options.token ?? process.env.GELDSTROOM_TOKEN;
      if (!url) return fail('Not imported, nothing written: another process keeps this ledger and says no address to send the file to.');
      if (!token) return fail(`Not imported, nothing written: the API at ${url} keeps this ledger: give a recorder's token with --token (or GELDSTROOM_TOKEN) to import through it.`);
      return this.importThroughApi(url, token, file, mappingText, options);
    }
    const app = await NestFactory.createApplicationContext(
      // A means of recording, not a server: no scheduled verify (`verify` is its own command), no first-start scenario.
      AppModule.register(configure({ ...options, dataDir: config.GELDSTROOM_DATA_DIR }, { LOG_LEVEL: 'warn', GELDSTROOM_VERIFY_EVERY_MINUTES: '0', GELDSTROOM_FIRST_START_SCENARIO: '' })),
      { logger: ['error', 'warn'] },
    );
    try {
      await this.importWith(app.get(BookingImports), file, mappingText, options);
    } finally {
      await app.close();
    }
  }

  private async importWith(imports: BookingImports, file: string, mappingText: string, options: ImportBookingsOptions): Promise<void> {
    const refusedPath = `${file}.refused.csv`;
    const refused = new RefusedLinesFile(refusedPath);
    const bar = progressBar(options.dryRun ? 'import-bookings (dry run)' : 'import-bookings', 'lines');
    let answer: ImportAnswer;
    try {
      const report = await imports.importFile({
        path: file,
        fileName: basename(file),
        mappingText,
        dryRun: options.dryRun === true,
        ...(options.encoding ? { encoding: options.encoding } : {}),
        context: { actor: CLI_ACTOR, scope: 'all', correlationId: uuidv7() },
        onInspected: (inspected) => bar.start(inspected.lineCount, 0),
        onHeader: (headers) => refused.open(headers),
        onProgress: (done) => bar.update(done),
        onRefused: (line) => refused.add(line),
      });
      bar.stop();
      answer = await imports.answer(report, {}, 'until-held');
    } catch (error) {
      bar.stop();
      await refused.close();
      if (error instanceof ImportStoppedError) {
        fail(`Stopped: ${error.message}. The cause: ${error.reason instanceof Error ? error.reason.message : String(error.reason)}`);
        return;
      }
      // Refused before a line was sent; a 5xx of the store may have written what it was sending.
      if (error instanceof MappingError || error instanceof FileRefusedError || (error instanceof ProblemException && error.getStatus() < 500)) {
        fail(`Not imported, nothing written: ${error instanceof MappingError ? `the mapping: ${error.problems.join('; ')}` : error.message}.`);
        return;
      }
      throw error;
    }
    await refused.close();
    await this.finish(answer, file, refusedPath, options);
  }

  /** The file to the API that keeps the ledger; the refused lines' cells are read back from the file here. */
  private async importThroughApi(url: string, token: string, file: string, mappingText: string, options: ImportBookingsOptions): Promise<void> {
    const form = new FormData();
    form.set('file', await openAsBlob(file), basename(file));
    form.set('mapping', new Blob([mappingText], { type: 'application/yaml' }), basename(options.mapping!));
    form.set('dryRun', options.dryRun === true ? 'true' : 'false');
    if (options.encoding) form.set('encoding', options.encoding);
    say(`Sending ${basename(file)} to the API at ${url}, which keeps this ledger${options.dryRun ? ' (dry run)' : ''}.`);
    const response = await fetch(`${url}/v1/imports/bookings`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'User-Agent': 'geldstroom-cli' }, body: form });
    const body = (await response.json()) as ImportAnswer & { detail?: string; title?: string; counts?: ImportAnswer['counts'] };
    if (!response.ok) {
      const why = body.detail ?? body.title ?? `the API answered ${response.status}`;
      return fail(response.status >= 500 && body.counts ? `Stopped: ${why}` : `Not imported, nothing written: ${why} (${response.status}).`);
    }
    const refusedPath = `${file}.refused.csv`;
    await writeRefusedLines(refusedPath, file, mappingText, body, options.encoding);
    await this.finish(body, file, refusedPath, options);
  }

  /** The reconciliation as the answer computed it, stamped with the journal position it names; then what happened. */
  private async finish(answer: ImportAnswer, file: string, refusedPath: string, options: ImportBookingsOptions): Promise<void> {
    const reportPath = options.report ?? `${file}.reconciliation.csv`;
    const { journal, on, asOf, readModels } = answer.reconciliation;
    const cut: Cut = { position: journal.position, on, asOf, journal, readModels };
    const table = reconciliationTable(answer.importId, answer.reconciliation, cut);
    const out = createWriteStream(reportPath);
    await writeExport(table, reportPath.endsWith('.xlsx') ? 'xlsx' : 'csv', out);
    out.end();
    await once(out, 'close');
    this.tell(answer, refusedPath, reportPath);
  }

  private tell(answer: ImportAnswer, refusedPath: string, reportPath: string): void {
    const { counts } = answer;
    const would = answer.dryRun ? 'would be written (dry run: nothing written)' : 'written';
    say(`Import ${answer.importId} of ${answer.fileName} (${answer.format}${answer.encoding ? `, ${answer.encoding}` : ''}, SHA-256 ${answer.fileSha256})`);
    say(`${counts.lines} ${counts.lines === 1 ? 'line' : 'lines'}: ${counts.written} ${would}, ${counts.replayed} already recorded, ${counts.refused} refused.`);
    if (counts.refused > 0) say(`The refused lines, each with its reason: ${refusedPath}`);
    const differences = answer.reconciliation.differences.length;
    say(`Reconciliation: ${reconciled(counts, differences)}`);
    for (const row of answer.reconciliation.differences.slice(0, 20)) {
      say(`  ${row.subject} ${row.id} ${row.measure}: export ${row.export}, ledger ${row.ledger} (difference ${row.difference})`);
    }
    say(`The reconciliation, every figure: ${reportPath}`);
    process.exitCode = counts.refused === 0 ? 0 : 1;
  }
}

/** What the reconciliation says: it sums the lines the ledger took, so refused lines are named as left out. */
function reconciled(counts: ImportAnswer['counts'], differences: number): string {
  const taken = counts.lines - counts.refused;
  if (taken === 0) return 'nothing to reconcile: every line was refused.';
  const leftOut = counts.refused === 0 ? '' : `; the ${counts.refused} refused ${counts.refused === 1 ? 'line is' : 'lines are'} not in it`;
  if (differences > 0) return `${differences} figures differ between the export and the ledger${leftOut}.`;
  return counts.refused === 0 ? 'the export and the ledger add up, figure for figure.' : `the ${taken} lines taken and the ledger add up, figure for figure${leftOut}.`;
}

/** An amount as the export wrote it ("-100,00", "1.234,56-"): a figure, left as it was. */
const FIGURE = /^-?[\d.,]+-?$/;

/**
 * A cell of the export as text a spreadsheet shows and never runs ("=cmd|' /C calc'!A0"): the
 * exports' guard (csvCell), with the export's own figures left alone so an amount stays one.
 */
function guarded(text: string): string {
  return FIGURE.test(text) ? text : String(csvCell(text, 'text'));
}

/**
 * The refused lines of an import an API made, beside the input: the answer names them (at most
 * REFUSED_LISTED_MAX); their cells are read back from the file as the import read it.
 */
async function writeRefusedLines(path: string, file: string, mappingText: string, answer: ImportAnswer, encoding: Encoding | undefined): Promise<void> {
  const reasons = new Map(answer.refused.map((line) => [line.lineNumber, line.reason]));
  if (reasons.size === 0) return;
  const refused = new RefusedLinesFile(path);
  const mapping = parseMapping(mappingText);
  const inspected = await inspectFile(file, mapping, encoding);
  for await (const row of readRows(file, inspected, mapping, (headers) => refused.open(headers))) {
    const reason = reasons.get(row.lineNumber);
    if (reason !== undefined) await refused.add({ lineNumber: row.lineNumber, reason, ...('error' in row ? {} : { cells: row.cells }) });
  }
  await refused.close();
  if (answer.counts.refused > reasons.size) say(`The API lists the first ${reasons.size} of the ${answer.counts.refused} refused lines; the refused-lines file holds those.`);
}

/** The refused lines beside the input: the line number, the reason, then the line as it was. */
class RefusedLinesFile {
  private out: WriteStream | undefined;
  private headers: readonly string[] = [];

  constructor(private readonly path: string) {}

  open(headers: readonly string[]): void {
    this.headers = headers;
    this.out = createWriteStream(this.path);
    this.out.write(UTF8_BOM + csvRecord(['Regel', 'Reden', ...headers]));
  }

  async add(line: RefusedLine): Promise<void> {
    if (!this.out) this.open([]);
    const cells = this.headers.map((h) => guarded(cellText(line.cells?.get(h))));
    if (!this.out!.write(csvRecord([String(line.lineNumber), guarded(line.reason), ...cells]))) await once(this.out!, 'drain');
  }

  async close(): Promise<void> {
    if (!this.out) return;
    this.out.end();
    await once(this.out, 'close');
  }
}
