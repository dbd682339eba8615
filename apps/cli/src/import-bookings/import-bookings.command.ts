// `import-bookings <file> --mapping <mapping.yaml>`: imports a financial system's export of booking
// lines through the command bus of an application context in this process (no HTTP), writes the
// lines it refused to `<file>.refused.csv` and the reconciliation to `<file>.reconciliation.csv`.
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import { NestFactory } from '@nestjs/core';
import { Command, Option } from 'nest-commander';
import { v7 as uuidv7 } from 'uuid';
import { csvCell, csvRecord, ReadModelLock, UTF8_BOM, writeExport } from '@geldstroom/projections';
import { AppModule } from '../../../api/src/app.module';
import { ENCODINGS, MappingError, type Encoding } from '../../../api/src/imports/booking-mapping';
import { BookingImports, type ImportAnswer } from '../../../api/src/imports/booking-imports';
import { ImportStoppedError, type RefusedLine } from '../../../api/src/imports/booking-import';
import { cellText } from '../../../api/src/imports/booking-line';
import { FileRefusedError } from '../../../api/src/imports/booking-source';
import { reconciliationTable } from '../../../api/src/imports/reconciliation';
import { ReadModels } from '../../../api/src/queries/read-models';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { checkWritable, CLI_ACTOR, configure, fail, say, unreadable, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';
import { progressBar } from '../progress';

interface ImportBookingsOptions extends LedgerOptions {
  readonly mapping?: string;
  readonly dryRun?: boolean;
  readonly encoding?: Encoding;
  readonly report?: string;
}

@Command({
  name: 'import-bookings',
  arguments: '<file>',
  argsDescription: { file: "a financial system's export of booking lines: CSV (';', decimal commas, UTF-8 or Windows-1252) or XLSX" },
  description:
    'Import booking lines as ledger facts through the same command path as the API (deciders, idempotency): a mapping file says ' +
    'which columns, budgets, creditors and kinds of line are which. Lines already imported write nothing. Refused lines go with ' +
    'their reason to <file>.refused.csv; the reconciliation of the export with the ledger to <file>.reconciliation.csv. ' +
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
      fail(`Not imported: an API keeps this ledger (${ReadModelLock.holderOf(projections)?.url ?? 'another process'}); send the file to its POST /v1/imports/bookings as a recorder.`);
      return;
    }
    const app = await NestFactory.createApplicationContext(
      // A means of recording, not a server: no scheduled verify (`verify` is its own command), no first-start scenario.
      AppModule.register(configure({ ...options, dataDir: config.GELDSTROOM_DATA_DIR }, { LOG_LEVEL: 'warn', GELDSTROOM_VERIFY_EVERY_MINUTES: '0', GELDSTROOM_FIRST_START_SCENARIO: '' })),
      { logger: ['error', 'warn'] },
    );
    try {
      await this.importWith(app.get(BookingImports), app.get(ReadModels), file, mappingText, options);
    } finally {
      await app.close();
    }
  }

  private async importWith(imports: BookingImports, readModels: ReadModels, file: string, mappingText: string, options: ImportBookingsOptions): Promise<void> {
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
    const reportPath = options.report ?? `${file}.reconciliation.csv`;
    const reader = await readModels.current('until-held');
    const table = reconciliationTable(answer.importId, answer.reconciliation, reader.resolveCut());
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
    say(`${counts.lines} lines: ${counts.written} ${would}, ${counts.replayed} already recorded, ${counts.refused} refused.`);
    if (counts.refused > 0) say(`The refused lines, each with its reason: ${refusedPath}`);
    const differences = answer.reconciliation.differences.length;
    say(differences === 0 ? 'Reconciliation: the export and the ledger add up, figure for figure.' : `Reconciliation: ${differences} figures differ between the export and the ledger.`);
    for (const row of answer.reconciliation.differences.slice(0, 20)) {
      say(`  ${row.subject} ${row.id} ${row.measure}: export ${row.export}, ledger ${row.ledger} (difference ${row.difference})`);
    }
    say(`The reconciliation, every figure: ${reportPath}`);
    process.exitCode = counts.refused === 0 ? 0 : 1;
  }
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
