// `export <what> [id]`: a report or the journal as CSV or XLSX, stamped with the journal head it
// was computed at, so the same command with the same --as-of gives the same figures later.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Command, Option } from 'nest-commander';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, isIsoDate } from '@geldstroom/ledger';
import { CHANGE_REPORTS } from '@geldstroom/projections';
import { AS_OF } from '../../../api/src/queries/query.dto';
import { configure, projectionsPath, reportRulesOf, rulesOf, say, withStore, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';
import { openCurrentReadModels } from './current-read-models';
import { EXPORTS, tableOf, type ExportKind } from './export-tables';
import type { ExportTable } from './table';
import { writeCsv } from './write-csv';
import { writeXlsx } from './write-xlsx';

interface ExportOptions extends LedgerOptions {
  readonly format: 'csv' | 'xlsx';
  readonly out?: string;
  readonly asOf?: string;
  readonly on?: string;
  readonly year?: number;
  readonly report?: string;
  readonly then?: string;
}

@Command({
  name: 'export',
  arguments: '<what> [id]',
  argsDescription: {
    what: `one of ${EXPORTS.join(', ')}`,
    id: 'the programme, budget or party id; without it, every one the ledger knows (not for journal; required for then-and-now)',
  },
  description:
    'Export the journal or a report as CSV (RFC 4180) or XLSX. The first rows (CSV) or the sheet "About" ' +
    '(XLSX) name the journal position, tree size and root hash the figures were computed at. Money is a ' +
    'two-decimal string in CSV and a number formatted #,##0.00 in XLSX.',
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
    description: 'knowledge time: a journal position, a date (its whole day, UTC) or an ISO instant; default: now',
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

  @Option({ flags: '--year <year>', description: 'fiscal year: required for iv3-matrix and rechtmatigheid; up to which for party-spending and funding-accountability' })
  parseYear(value: string): number {
    const year = Number(value);
    if (!/^\d{4}$/.test(value) || year < FISCAL_YEAR_MIN || year > FISCAL_YEAR_MAX) throw new Error(`--year must be a year ${FISCAL_YEAR_MIN}-${FISCAL_YEAR_MAX}, not ${value}`);
    return year;
  }

  @Option({ flags: '--report <report>', description: `then-and-now: the report compared, one of ${CHANGE_REPORTS.join(', ')}` })
  parseReport(value: string): string {
    return value;
  }

  @Option({ flags: '--then <asOf>', description: 'then-and-now: what the council was told then, as a journal position, a date or an ISO instant' })
  parseThen(value: string): string {
    if (!AS_OF.test(value) || (/^\d{4}-/.test(value) && !isIsoDate(value.slice(0, 10)))) {
      throw new Error(`--then must be a journal position, a date YYYY-MM-DD or an ISO instant, not ${value}`);
    }
    return value;
  }

  async run([what, id]: string[], options: ExportOptions): Promise<void> {
    if (!(EXPORTS as readonly string[]).includes(what)) throw new Error(`export what? one of ${EXPORTS.join(', ')}, not ${what}`);
    if (what === 'journal' && id !== undefined) throw new Error('the journal is exported whole; give no id (use --as-of to stop earlier)');
    if (options.format === 'xlsx' && !options.out) throw new Error('an XLSX export needs --out <file>');
    const config = configure(options);
    await withStore(config, async (store) => {
      const readModels = await openCurrentReadModels(store, projectionsPath(config), rulesOf(config));
      try {
        const cut = readModels.reader.resolveCut({
          ...(options.asOf ? { asOf: options.asOf } : {}),
          ...(options.on ? { on: options.on } : {}),
        });
        const rules = { findings: rulesOf(config), reports: reportRulesOf(config) };
        const { year, report, then } = options;
        const source = { store, reader: readModels.reader, cut, rules, ...(year === undefined ? {} : { year }), ...(report ? { report } : {}), ...(then ? { then } : {}) };
        const body = tableOf(what as ExportKind, source, id);
        const table: ExportTable = {
          what,
          ...(id ? { id } : {}),
          ...(options.asOf ? { asOf: options.asOf } : {}),
          journal: cut.journal,
          ...body,
        };
        await writeExport(table, options);
      } finally {
        readModels.close();
      }
    });
    if (options.out) say(`Wrote ${what}${id ? ` ${id}` : ''} to ${options.out}`);
  }
}

/** Into `<out>.partial` first, renamed when complete: a failed export leaves no half a file. */
async function writeExport(table: ExportTable, options: ExportOptions): Promise<void> {
  if (!options.out) {
    await writeCsv(table, process.stdout);
    return;
  }
  const partial = `${options.out}.partial`;
  try {
    if (options.format === 'xlsx') {
      await writeXlsx(table, partial);
    } else {
      const file = createWriteStream(partial);
      await writeCsv(table, file);
      file.end();
      await finished(file);
    }
    await rename(partial, options.out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
