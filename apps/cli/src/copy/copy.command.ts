// `copy`: the ledger from the configured store into another one, through the store port, checked
// by verifying the copy and comparing its tree head with the source's.
import { resolve } from 'node:path';
import { Command, Option } from 'nest-commander';
import { EVENTSTORE_CONNECTION_STRING_FORM, openEventStore, SqliteEventStore, type EventStore } from '@geldstroom/event-store';
import { configure, describeStore, say, storeLocation, withStore, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';
import { progressBar } from '../progress';
import { copyLedger, type CopyReport } from './copy-ledger';
import { refuseUnlessEmptyOrLedger } from './copy-target';

interface CopyOptions extends LedgerOptions {
  readonly toSqlite?: string;
  readonly toEventstore?: string;
}

@Command({
  name: 'copy',
  description:
    'Copy the ledger from the configured store into an empty one (or finish an interrupted copy), keeping ' +
    'order, event ids, data, metadata, recordedAt and so every hash. The copy is verified and its tree head ' +
    'compared with the source\'s; exit code 1 unless they are equal. Only SQLite → SQLite has been run here; ' +
    '--to-eventstore takes the same port code path but was not tested against a server.',
})
export class CopyCommand extends LedgerCommand {
  @Option({ flags: '--to-sqlite <path>', description: 'the SQLite file to copy into, e.g. backup/events.sqlite (made when absent)' })
  parseToSqlite(value: string): string {
    return value;
  }

  @Option({
    flags: '--to-eventstore <connection>',
    description: 'EventStoreDB/KurrentDB connection string to copy into, e.g. esdb://localhost:2113?tls=false (untested here)',
  })
  parseToEventstore(value: string): string {
    if (!EVENTSTORE_CONNECTION_STRING_FORM.test(value)) {
      throw new Error('--to-eventstore takes an esdb:// or esdb+discover:// connection string (for KurrentDB too: write kurrentdb:// as esdb://)');
    }
    return value;
  }

  async run(_: string[], options: CopyOptions): Promise<void> {
    if ((options.toSqlite === undefined) === (options.toEventstore === undefined)) {
      throw new Error('give exactly one of --to-sqlite <path> and --to-eventstore <connection string>');
    }
    const config = configure(options);
    const location = storeLocation(config);
    if (options.toSqlite && !location.eventStoreConnectionString && resolve(options.toSqlite) === resolve(location.dataDir, 'events.sqlite')) {
      throw new Error('--to-sqlite names the source store itself');
    }
    if (options.toSqlite) refuseUnlessEmptyOrLedger(options.toSqlite);
    const targetName = options.toSqlite ?? `EventStoreDB at ${new URL(options.toEventstore!).host}`;
    const report = await withStore(config, async (source) => {
      const target = await openTarget(options);
      const bar = progressBar('copy', 'events');
      bar.start(0, 0);
      try {
        return await copyLedger(source, target, (done, total) => {
          bar.setTotal(total);
          bar.update(done);
        });
      } finally {
        bar.stop();
        await target.close();
      }
    });
    printReport(report, describeStore(config), targetName);
    if (!report.identical) process.exitCode = 1;
  }
}

function openTarget(options: CopyOptions): Promise<EventStore> {
  if (options.toSqlite) return Promise.resolve(SqliteEventStore.open({ path: options.toSqlite }));
  return openEventStore({ dataDir: '', eventStoreConnectionString: options.toEventstore! });
}

function printReport(report: CopyReport, sourceName: string, targetName: string): void {
  say(`Copied ${report.copied} events from ${sourceName} to ${targetName}` +
    `${report.alreadyThere > 0 ? ` (${report.alreadyThere} were there from an earlier copy)` : ''}, and ${report.digestsKept} kept digests.`);
  say(`  source: tree size ${report.source.treeSize}, root hash ${report.source.rootHash}`);
  say(`  target: tree size ${report.target.treeSize}, root hash ${report.target.rootHash}${report.target.ok ? '' : ` — NOT intact: ${report.target.failure?.detail}`}`);
  say(report.identical ? 'The copy verifies and its tree head equals the source\'s.' : 'The copy does NOT equal the source.');
}
