// `verify`: recomputes every hash and the Merkle tree head over the configured store, and proves
// the log still extends every digest kept in the store and every digest an auditor brings.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Command, Option } from 'nest-commander';
import { loadSigningKey, verifyJournal } from '@geldstroom/event-store';
import { configure, describeStore, say, withStore, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';
import { progressBar } from '../progress';
import { readTrustedDigests } from './trusted-digests';

interface VerifyOptions extends LedgerOptions {
  readonly digest?: string;
  readonly publicKey?: string;
}

@Command({
  name: 'verify',
  description:
    'Recompute every event hash and the journal\'s Merkle tree head, and prove with RFC 6962 consistency ' +
    'proofs that the log extends every digest kept earlier. Exit code 0 when intact (prints events checked, ' +
    'tree size and root hash), 1 naming the first bad position and what is wrong there.',
})
export class VerifyCommand extends LedgerCommand {
  @Option({
    flags: '--digest <file>',
    description: 'JSON file of digests an auditor kept: [{"treeSize": 27, "rootHash": "…"}, …] (or one digest as `digest` prints it)',
  })
  parseDigest(value: string): string {
    return value;
  }

  @Option({
    flags: '--public-key <file>',
    description:
      'PEM file of the ledger\'s public signing key: every digest kept in the store must be signed by it ' +
      '(default: the public half of GELDSTROOM_SIGNING_KEY, when set)',
  })
  parsePublicKey(value: string): string {
    return value;
  }

  async run(_: string[], options: VerifyOptions): Promise<void> {
    const config = configure(options);
    const trustedDigests = options.digest ? readTrustedDigests(options.digest) : [];
    const signingKey: KeyObject | undefined = options.publicKey
      ? createPublicKey(readFileSync(options.publicKey, 'utf8'))
      : config.GELDSTROOM_SIGNING_KEY
        ? loadSigningKey(config.GELDSTROOM_SIGNING_KEY)
        : undefined;
    const checks = { trustedDigests, ...(signingKey ? { signingKey } : {}) };
    const report = await withStore(config, async (store) => {
      // EventStoreDB positions are byte offsets, not counts: no total to show a bar against.
      if (!store.densePositions) return verifyJournal(store, checks);
      const bar = progressBar('verify', 'events');
      bar.start((await store.headPosition()) ?? 0, 0);
      try {
        return await verifyJournal(store, { ...checks, onProgress: (checked) => bar.update(checked) });
      } finally {
        bar.stop();
      }
    });
    if (report.ok) {
      say(`The journal in ${describeStore(config)} is intact.`);
      say(`  events checked: ${report.eventsChecked}`);
      say(`  tree size:      ${report.treeSize}`);
      say(`  root hash:      ${report.rootHash}`);
      say(`  digests proven: ${report.digestsChecked} (${trustedDigests.length} from ${options.digest ?? 'no file'})`);
      return;
    }
    const failure = report.failure!;
    const where = failure.streamId === undefined ? '' : ` (stream ${failure.streamId}, revision ${failure.revision})`;
    say(`The journal in ${describeStore(config)} is NOT intact.`);
    say(`  first bad position: ${failure.position ?? 'unknown'}${where}`);
    say(`  kind:               ${failure.kind}`);
    say(`  detail:             ${failure.detail}`);
    say(`  intact before it:   ${report.eventsChecked} events, tree size ${report.treeSize}, root hash ${report.rootHash}`);
    process.exitCode = 1;
  }
}
