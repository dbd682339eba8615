// `rebuild`: drops the read models and builds them again from the log, with progress.
import { performance } from 'node:perf_hooks';
import { Command } from 'nest-commander';
import { LedgerReader, Projector, ReadStore } from '@geldstroom/projections';
import { configure, projectionsPath, say, rulesOf, withStore, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';
import { progressBar } from '../progress';

@Command({
  name: 'rebuild',
  description:
    'Drop the read models (projections.sqlite in the data folder) and rebuild them from the log, showing ' +
    'progress and the events per second at the end. Refused while an API keeps the same file.',
})
export class RebuildCommand extends LedgerCommand {
  async run(_: string[], options: LedgerOptions): Promise<void> {
    const config = configure(options);
    await withStore(config, async (store) => {
      const readStore = ReadStore.open(projectionsPath(config));
      try {
        const head = await store.headPosition();
        // EventStoreDB positions are byte offsets: the bar then counts events without a total.
        const bar = progressBar('rebuild', store.densePositions ? 'events' : 'bytes of the log');
        let applied = 0;
        const projector = new Projector(store, readStore, {
          rules: rulesOf(config),
          onProgress: (appliedSoFar, position) => {
            applied = appliedSoFar;
            bar.update(position);
          },
        });
        const startedMs = performance.now();
        // Takes the file's lock before anything is dropped: with an API on it, this throws here,
        // before the bar is drawn (a bar once started redraws on a timer that keeps the process alive).
        projector.start({ fromNothing: true });
        bar.start(head ?? 0, 0);
        try {
          await projector.catchUpTo(head);
        } finally {
          await projector.stop();
          bar.stop();
        }
        const seconds = (performance.now() - startedMs) / 1000;
        const journal = new LedgerReader(readStore).resolveCut().journal;
        say(`Rebuilt the read models in ${projectionsPath(config)} from ${applied} events in ${seconds.toFixed(2)} s (${rate(applied, seconds)} events/s).`);
        say(`  journal position: ${journal.position}`);
        say(`  tree size:        ${journal.treeSize}`);
        say(`  root hash:        ${journal.rootHash}`);
      } finally {
        readStore.close();
      }
    });
  }
}

function rate(events: number, seconds: number): string {
  return seconds > 0 ? Math.round(events / seconds).toLocaleString('en-US') : String(events);
}
