// import-bookings: a generated Key2Financiën export (BENCH_IMPORT_LINES lines, default 1,000,000:
// a year of bookings) imported into an empty SQLite ledger through the command bus, as the
// command line does. Beside it, in the same run, the raw limit: csv-parse reading the same file
// alone. Heap is sampled while it runs: the import streams, so the heap must not grow with the file.
import { createWriteStream, createReadStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import { v7 as uuidv7 } from 'uuid';
import type { LedgerCommand } from '@geldstroom/ledger';
import { AppModule } from '../../api/src/app.module';
import { validateConfiguration } from '../../api/src/config/configuration';
import { BookingImports } from '../../api/src/imports/booking-imports';
import { ReadModels } from '../../api/src/queries/read-models';
import { RecordCommand } from '@geldstroom/application/write/record.command';
import { CpuMeter, perSecond, report } from './bench-report';

const SUPPLIERS = 50;
const BUDGET = 'bench-reintegratie-2024';
const HEADER = 'Boekjaar;Periode;Dagboek;Boekstuknummer;Regelnummer;Boekdatum;Grootboekrekening;Kostenplaats;Taakveld;Crediteurnummer;Omschrijving;Bedrag debet;Bedrag credit';
const MAPPING = `
system: bench
columns: { fiscalYear: Boekjaar, journal: Dagboek, document: Boekstuknummer, line: Regelnummer, date: Boekdatum, account: Grootboekrekening,
  costCentre: Kostenplaats, creditor: Crediteurnummer, description: Omschrijving, debit: Bedrag debet, credit: Bedrag credit }
budgets: [{ budget: ${BUDGET} }]
creditors: { ${Array.from({ length: SUPPLIERS }, (_, i) => `"${200_000 + i}": leverancier-${i}`).join(', ')} }
lines:
  - { as: income, when: { account: "8*" } }
  - { as: expense, kind: personnel, when: { account: "40*" } }
  - { as: expense, kind: operating }
`;

/** The import stops reading after this long (BENCH_IMPORT_SECONDS_MAX): the rate is of the lines it did. */
const SECONDS_MAX_DEFAULT = 900;

export async function importBench(dir: string): Promise<void> {
  const lines = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
  const secondsMax = Number(process.env.BENCH_IMPORT_SECONDS_MAX ?? SECONDS_MAX_DEFAULT);
  const file = join(dir, 'mutaties.csv');
  await generateExport(file, lines);
  const rawLinesPerS = await parseAlone(file, lines);
  const config = validateConfiguration({ ...process.env, GELDSTROOM_DATA_DIR: join(dir, 'ledger'), LOG_LEVEL: 'warn', GELDSTROOM_FIRST_START_SCENARIO: '', GELDSTROOM_VERIFY_EVERY_MINUTES: '0' });
  const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error', 'warn'] });
  try {
    await openLedger(app.get(CommandBus));
    const heap = new HeapSampler();
    const started = process.hrtime.bigint();
    const cpu = new CpuMeter();
    const result = await app.get(BookingImports).importFile({
      path: file,
      fileName: 'mutaties.csv',
      mappingText: MAPPING,
      dryRun: false,
      context: { actor: 'bench', scope: 'all', correlationId: uuidv7() },
      onProgress: (done) => done % 1_000 === 0 && heap.sample(done % LIVE_SAMPLE_EVERY_LINES === 0),
      signal: AbortSignal.timeout(secondsMax * 1000),
    });
    const done = result.counts.lines;
    const linesPerS = perSecond(done, started);
    // While the lines go into the journal: the import's thread and the projector's following it.
    const cpuPerLine = cpu.per(done, 'Line');
    if (result.counts.written !== done) throw new Error(`the import wrote ${result.counts.written} of ${done} lines: ${JSON.stringify(result.refused.slice(0, 3))}`);
    // The lines are in the journal (durable, verifiable); the read models follow on their own thread.
    const caughtUp = process.hrtime.bigint();
    await app.get(ReadModels).current('until-held');
    const readModelsS = Number(process.hrtime.bigint() - caughtUp) / 1e9;
    const answeredLinesPerS = perSecond(done, started);
    report({
      bench: 'import-bookings',
      eventsPerS: linesPerS,
      rawEventsPerS: rawLinesPerS,
      raw: 'csv-parse of the same file alone (Windows-1252, ";")',
      unit: 'lines',
      lines: done,
      ...(done < lines ? { stoppedAfterS: secondsMax, ofLines: lines } : {}),
      goalLinesPerS: 10_000,
      ...cpuPerLine,
      heapStartMb: heap.startMb,
      heapPeakMb: heap.peakMb,
      heapLivePeakMb: heap.livePeakMb,
      heapEndMb: heap.endMb(),
      rssPeakMb: heap.rssPeakMb,
      readModelsCatchUpAfterS: Number(readModelsS.toFixed(1)),
      // Until every answer includes the import: the journal's rate and the read models' catch-up together.
      linesInAnswersPerS: Math.round(answeredLinesPerS),
    });
  } finally {
    await app.close();
  }
}

/**
 * A year of bookings: costs on 50 suppliers, salaries, now and then an income; Windows-1252. In
 * the order of their booking dates, as financial systems export them (a line dated before what the
 * read models already folded makes them refold a budget's pool from that date).
 */
async function generateExport(path: string, lines: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(iconv.encode(text, 'win1252'))) await once(out, 'drain');
  };
  await write(`${HEADER}\r\n`);
  let chunk = '';
  for (let n = 1; n <= lines; n += 1) {
    const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(((n - 1) * 366) / lines)));
    const month = day.getUTCMonth() + 1;
    const date = `${String(day.getUTCDate()).padStart(2, '0')}-${String(month).padStart(2, '0')}-2024`;
    // Incomes are few (a monthly rijksbijdrage): each is one more event on the budget's own stream.
    const income = n % 50_000 === 0;
    const salary = n % 10 === 0;
    const account = income ? '8100000' : salary ? '4000100' : '4380000';
    const creditor = income || salary ? '' : String(200_000 + (n % SUPPLIERS));
    const cents = 1_000 + (n % 99_991);
    const amount = `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    chunk += `2024;${month};INK;F${n};1;${date};${account};6.4.02;6.4;${creditor};Boeking ${income ? 'rijksbijdrage' : 'kosten'} café ${n % 1000};${income ? '' : amount};${income ? amount : ''}\r\n`;
    if (n % 10_000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'close');
}

/** The raw limit: reading the same file into records and nothing else. */
async function parseAlone(path: string, lines: number): Promise<number> {
  const started = process.hrtime.bigint();
  let records = 0;
  const parser = createReadStream(path).pipe(iconv.decodeStream('win1252')).pipe(parseCsv({ delimiter: ';', info: true, relax_column_count: true }));
  for await (const _record of parser) records += 1;
  if (records !== lines + 1) throw new Error(`parsed ${records} records of ${lines + 1}`);
  return perSecond(lines, started);
}

async function openLedger(bus: CommandBus): Promise<void> {
  const record = (streamId: string, command: LedgerCommand, id: string) =>
    bus.execute(new RecordCommand({ streamId, mustExist: false, command, idempotencyKey: `${command.type}:${id}`, context: { actor: 'bench', scope: 'all', correlationId: uuidv7() } }));
  const party = (partyId: string, kind: 'municipality' | 'company') => record(`party-${partyId}`, { type: 'RegisterParty', partyId, name: partyId, kind, effectiveDate: '2024-01-01' }, partyId);
  await party('bench-gemeente', 'municipality');
  for (let i = 0; i < SUPPLIERS; i += 1) await party(`leverancier-${i}`, 'company');
  await record(`budget-${BUDGET}`, { type: 'OpenBudget', budgetId: BUDGET, ownerPartyId: 'bench-gemeente', name: 'Re-integratie', fiscalYear: 2024, taakveld: '6.4', effectiveDate: '2024-01-01' }, BUDGET);
}

/** Every this many lines the heap is also measured after a full collection: what the import holds. */
const LIVE_SAMPLE_EVERY_LINES = 50_000;

/** The heap as used (garbage not yet collected included) and as live (after a full collection). */
class HeapSampler {
  readonly startMb: number;
  peakMb: number;
  livePeakMb: number;
  /** The process's resident memory: the heap above is the main thread's, the projector's thread has its own. */
  rssPeakMb: number;

  constructor() {
    this.startMb = heapMb(true);
    this.peakMb = this.startMb;
    this.livePeakMb = this.startMb;
    this.rssPeakMb = rssMb();
  }

  sample(live = false): void {
    const mb = heapMb(live);
    this.peakMb = Math.max(this.peakMb, mb);
    if (live) this.livePeakMb = Math.max(this.livePeakMb, mb);
    this.rssPeakMb = Math.max(this.rssPeakMb, rssMb());
  }

  endMb(): number {
    return heapMb(true);
  }
}

function rssMb(): number {
  return Math.round(process.memoryUsage.rss() / 1_048_576);
}

/** Heap in use, after a full collection when asked (npm run bench runs with --expose-gc). */
function heapMb(collect: boolean): number {
  if (collect) (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1_048_576);
}
