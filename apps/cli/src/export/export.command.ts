// `export <what> [id]`: a report or the journal as CSV or XLSX, stamped with the journal head it
// was computed at, so the same command with the same --as-of gives the same figures later. The
// file is the one the API's export endpoint gives for the same request (libs/projections/src/exports).
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Command, Option } from 'nest-commander';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, isIsoDate, parseMoney } from '@geldstroom/ledger';
import { CHANGE_REPORTS, EXPORT_SUBJECT, EXPORTS, exportTable, isExportKind, writeExport, type ExportFormat, type ExportKind, type ExportTable } from '@geldstroom/projections';
import { AS_OF } from '../../../api/src/queries/query.dto';
import { checkWritable, configure, projectionsPath, reportRulesOf, rulesOf, say, withStore, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';
import { openCurrentReadModels } from './current-read-models';

interface ExportOptions extends LedgerOptions {
  readonly format: ExportFormat;
  readonly out?: string;
  readonly asOf?: string;
  readonly on?: string;
  readonly year?: number;
  readonly report?: string;
  readonly then?: string;
  /** rechtmatigheid: the omvangsbasis given, in cents. */
  readonly omvangsbasis?: number;
}

@Command({
  name: 'export',
  arguments: '<what> [id]',
  argsDescription: {
    what: `one of ${EXPORTS.join(', ')}`,
    id: 'the programme, budget or party id; without it, every one the ledger knows (party-funding, party-spending and then-and-now need it)',
  },
  description:
    'Export the journal or a report as CSV for Dutch Excel (";", decimal commas, UTF-8 with BOM) or XLSX: the same ' +
    'file the API gives at GET /v1/exports/<what>. After the table (CSV) or on the sheet "Verantwoording" (XLSX): ' +
    'the journal position, tree size and root hash the figures were computed at.',
})
export class ExportCommand extends LedgerCommand {
  @Option({ flags: '--format <format>', description: 'csv or xlsx', choices: ['csv', 'xlsx'], defaultValue: 'csv' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '--out <file>', description: 'file to write; CSV goes to stdout without it, XLSX needs it' })
  parseOut(value: string): string {
    return value;
  }

  @Option({
    flags: '--as-of <asOf>',
    description: 'knowledge time: a journal position, a date (its whole day, until midnight in the Netherlands) or an ISO instant; default: now',
  })
  parseAsOf(value: string): string {
    if (!AS_OF.test(value) || (/^\d{4}-/.test(value) && !isIsoDate(value.slice(0, 10)))) {
      throw new Error(`--as-of must be a journal position, a date YYYY-MM-DD or an ISO instant, not ${value}`);
    }
    return value;
  }

  @Option({ flags: '--on <date>', description: 'business time: only what was effective on or before this date (YYYY-MM-DD)' })
  parseOn(value: string): string {
    if (!isIsoDate(value)) throw new Error(`--on must be a date YYYY-MM-DD, not ${value}`);
    return value;
  }

  @Option({
    flags: '--year <year>',
    description: 'the (fiscal) year: required for iv3-matrix and rechtmatigheid; only this year for provider-spend, party-funding and funding-flows; up to it for party-spending and funding-accountability',
  })
  parseYear(value: string): number {
    const year = Number(value);
    if (!Number.isInteger(year) || year < FISCAL_YEAR_MIN || year > FISCAL_YEAR_MAX) throw new Error(`--year must be a year ${FISCAL_YEAR_MIN}–${FISCAL_YEAR_MAX}, not ${value}`);
    return year;
  }

  @Option({ flags: '--report <report>', description: `then-and-now: the report compared, one of ${CHANGE_REPORTS.join(', ')}` })
  parseReport(value: string): string {
    if (!(CHANGE_REPORTS as readonly string[]).includes(value)) throw new Error(`--report must be one of ${CHANGE_REPORTS.join(', ')}, not ${value}`);
    return value;
  }

  @Option({ flags: '--then <asOf>', description: 'then-and-now: what the council was told then, as a journal position, a date or an ISO instant' })
  parseThen(value: string): string {
    if (!AS_OF.test(value) || (/^\d{4}-/.test(value) && !isIsoDate(value.slice(0, 10)))) {
      throw new Error(`--then must be a journal position, a date YYYY-MM-DD or an ISO instant, not ${value}`);
    }
    return value;
  }

  @Option({
    flags: '--omvangsbasis <amount>',
    description: "rechtmatigheid: the omvangsbasis (all of the municipality's lasten, two decimals, e.g. 123456789.00); without it, the ledger's own lasten",
  })
  parseOmvangsbasis(value: string): number {
    const parsed = parseMoney(value);
    if (!parsed.ok) throw new Error(`--omvangsbasis must be an amount in euros with two decimals, e.g. 123456789.00, not ${value}`);
    return parsed.cents;
  }

  async run([what, id]: string[], options: ExportOptions): Promise<void> {
    const kind = checkedKind(what, id);
    checkedOptions(kind, options);
    if (options.format === 'xlsx' && !options.out) throw new Error('an XLSX export needs --out <file>');
    if (options.out) await checkWritable(options.out);
    const config = configure(options);
    await withStore(config, async (store) => {
      const rules = { findings: rulesOf(config), reports: reportRulesOf(config) };
      const readModels = await openCurrentReadModels(store, projectionsPath(config), rules.findings);
      try {
        const cut = readModels.reader.resolveCut({ ...(options.asOf ? { asOf: options.asOf } : {}), ...(options.on ? { on: options.on } : {}) });
        const { year, report, then, omvangsbasis } = options;
        const request = {
          ...(id !== undefined ? { id } : {}), ...(year !== undefined ? { year } : {}), ...(report ? { report } : {}), ...(then ? { then } : {}),
          ...(omvangsbasis !== undefined ? { omvangsbasisCents: omvangsbasis } : {}),
        };
        const table = exportTable(kind, { store, reader: readModels.reader, cut, rules }, request);
        await writeTo(table, options);
      } finally {
        readModels.close();
      }
    });
    if (options.out) say(`Wrote ${what}${id ? ` ${id}` : ''} to ${options.out}`);
  }
}

function checkedKind(what: string, id: string | undefined): ExportKind {
  if (!isExportKind(what)) throw new Error(`export what? one of ${EXPORTS.join(', ')}, not ${what}`);
  const subject = EXPORT_SUBJECT[what];
  if (subject === 'none' && id !== undefined) throw new Error(`${what} is exported whole; give no id (use --as-of to stop earlier)`);
  if (subject === 'required' && id === undefined) throw new Error(`${what} is about one entity: give its id`);
  return what;
}

/** The reports of one year need --year; then-and-now needs the report compared and when. */
function checkedOptions(kind: ExportKind, options: ExportOptions): void {
  if ((kind === 'iv3-matrix' || kind === 'rechtmatigheid') && options.year === undefined) throw new Error(`${kind} is a report of one year: give --year`);
  if (kind === 'then-and-now' && (options.report === undefined || options.then === undefined)) throw new Error('then-and-now needs --report (the report compared) and --then (what the council was told then)');
  if (kind !== 'then-and-now' && (options.report !== undefined || options.then !== undefined)) throw new Error('--report and --then are for then-and-now only');
  if (kind !== 'rechtmatigheid' && options.omvangsbasis !== undefined) throw new Error('--omvangsbasis is for rechtmatigheid only');
}

/** Into `<out>.partial` first, renamed when complete: a failed export leaves no half a file. */
async function writeTo(table: ExportTable, options: ExportOptions): Promise<void> {
  if (!options.out) {
    await writeExport(table, 'csv', process.stdout);
    return;
  }
  const partial = `${options.out}.partial`;
  try {
    const file = createWriteStream(partial);
    const done = finished(file);
    await writeExport(table, options.format, file);
    // The XLSX writer ends its stream itself; the CSV writer leaves that to its caller.
    if (!file.writableEnded) file.end();
    await done;
    await rename(partial, options.out);
  } catch (error) {
    await rm(partial, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`cannot write ${options.out}: ${reason}`);
  }
}
