// `verify`: recomputes every hash and the Merkle tree head over the configured store, and proves
// the log still extends every digest kept in the store and every digest an auditor brings; then the
// read models derived from it, and the files of the documents attached to its facts.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'nest-commander';
import { ContentStore, loadSigningKey, verifyJournal } from '@geldstroom/event-store';
import { verifyReadModels } from '@geldstroom/projections';
import type { Configuration } from '../../../api/src/config/configuration';
import { verifyDocumentFiles } from '../../../api/src/documents/document-files';
import { configure, describeStore, projectionsPath, say, rulesOf, unreadable, withStore, type LedgerOptions } from '../cli-context';
import { openCurrentReadModels } from '../export/current-read-models';
import { LedgerCommand } from '../ledger-command';
import { progressBar } from '../progress';
import { readTrustedDigests } from './trusted-digests';

interface VerifyOptions extends LedgerOptions {
  readonly digest?: string;
  readonly publicKey?: string;
  readonly journalOnly?: boolean;
}

@Command({
  name: 'verify',
  description:
    'Recompute every event hash and the journal\'s Merkle tree head, and prove with RFC 6962 consistency ' +
    'proofs that the log extends every digest kept earlier; then derive the read models again and check the file of ' +
    'every attached document against its recorded hash. Exit code 0 when intact (prints events checked, tree size ' +
    'and root hash), 1 naming the first bad position and what is wrong there, or each document whose file is missing or altered.',
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

  @Option({
    flags: '--journal-only',
    description: 'Verify the journal only, not the read models derived from it (projections.sqlite) nor the files of the documents attached',
  })
  parseJournalOnly(): boolean {
    return true;
  }

  async run(_: string[], options: VerifyOptions): Promise<void> {
    const config = configure(options);
    const trustedDigests = options.digest ? readTrustedDigests(options.digest) : [];
    const signingKey: KeyObject | undefined = options.publicKey
      ? createPublicKey(readPublicKey(options.publicKey))
      : config.GELDSTROOM_SIGNING_KEY
        ? loadSigningKey(config.GELDSTROOM_SIGNING_KEY)
        : undefined;
    // The interval comes from configuration, not the file: deleting the digests cannot change it.
    const checks = { trustedDigests, keepEvery: config.GELDSTROOM_DIGEST_EVERY, ...(signingKey ? { signingKey } : {}) };
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
      if (options.journalOnly) return;
      await verifyTheReadModels(config);
      await verifyTheDocuments(config);
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

function readPublicKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
}

/** The read models derived again from the journal and compared, row by row, with the live ones. */
async function verifyTheReadModels(config: Configuration): Promise<void> {
  const path = projectionsPath(config);
  if (!existsSync(path)) {
    say(`There are no read models at ${path} to verify.`);
    return;
  }
  const report = await withStore(config, async (store) => {
    if (!store.address) throw new Error('the store cannot be opened again from another thread');
    const bar = progressBar('read models', 'events');
    bar.start((await store.headPosition()) ?? 0, 0);
    try {
      return await verifyReadModels({ address: store.address, livePath: path, rules: rulesOf(config) }, (applied) => bar.update(applied));
    } finally {
      bar.stop();
    }
  });
  if (report.ok) {
    say(`The read models in ${path} match the journal, as of position ${report.position}.`);
    say(`  read-model digest: ${report.digest.kept}`);
    say(`  derived again at:  ${report.eventsPerSecond} events/s`);
    return;
  }
  say(`The read models in ${path} do NOT match the journal, as of position ${report.position}.`);
  if (report.difference) {
    say(`  first difference: table ${report.difference.table}, key ${JSON.stringify(report.difference.key)}`);
    say(`  as kept:          ${JSON.stringify(report.difference.live)}`);
    say(`  as derived:       ${JSON.stringify(report.difference.derived)}`);
  }
  say(`  digests:          kept ${report.digest.kept}, rows ${report.digest.rows}, derived ${report.digest.derived}`);
  say('  Rebuild them (npm run cli -- rebuild, with the API stopped) once the cause is known.');
  process.exitCode = 1;
}

/** Every attached document's file against the hash the journal recorded for it, each failure named. */
async function verifyTheDocuments(config: Configuration): Promise<void> {
  const folder = join(config.GELDSTROOM_DATA_DIR, 'documents');
  const report = await withStore(config, async (store) => {
    const current = await openCurrentReadModels(store, projectionsPath(config), rulesOf(config));
    try {
      // For reading only: an API on this folder may have uploads in flight in its staging folder.
      return await verifyDocumentFiles(ContentStore.forReading(folder), current.reader);
    } finally {
      current.close();
    }
  });
  if (report.ok) {
    say(`The files of the documents in ${folder} match their recorded hashes (${report.filesChecked} checked).`);
    return;
  }
  say(`The files of the documents in ${folder} do NOT all match their recorded hashes (${report.failures.length} of ${report.filesChecked}):`);
  for (const failure of report.failures) {
    const found = failure.actualHash ? ` (its bytes hash to ${failure.actualHash})` : '';
    say(`  document ${failure.documentId}: file ${failure.problem}, recorded hash ${failure.contentHash}${found}`);
  }
  process.exitCode = 1;
}
