// `digest`: the journal's current Merkle tree head as JSON, signed when a key is configured:
// what an auditor keeps, and later hands to `verify --digest`. With `--sign-kept`, once, when a
// ledger first gets its signing key: signs the digests it kept before, after a verify that holds.
import { Command, Option } from 'nest-commander';
import { JournalDigester, loadSigningKey, signKeptDigests } from '@geldstroom/event-store';
import { configure, fail, say, withStore, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';

interface DigestOptions extends LedgerOptions {
  readonly signKept?: boolean;
}

@Command({
  name: 'digest',
  description:
    'Print the journal\'s current digest as JSON: tree size, RFC 6962 root hash, head position and time, ' +
    'signed with Ed25519 when GELDSTROOM_SIGNING_KEY is set. Keep it; `verify --digest <file>` proves the ' +
    'log still extends it.',
})
export class DigestCommand extends LedgerCommand {
  @Option({
    flags: '--sign-kept',
    description:
      'once, when GELDSTROOM_SIGNING_KEY is first set on a ledger that kept digests without it, or when verify ' +
      'names a digest missing (digest-missing) whose cause is known: verify, and when the journal holds, sign every ' +
      'unsigned kept digest and keep, signed, each one missing from the series of one every GELDSTROOM_DIGEST_EVERY events. ' +
      'Whoever runs it vouches that the file was not changed.',
  })
  parseSignKept(): boolean {
    return true;
  }

  async run(_: string[], options: DigestOptions): Promise<void> {
    const config = configure(options);
    const signingKey = config.GELDSTROOM_SIGNING_KEY ? loadSigningKey(config.GELDSTROOM_SIGNING_KEY) : undefined;
    if (options.signKept) {
      if (!signingKey) return fail('--sign-kept needs GELDSTROOM_SIGNING_KEY');
      const keepEvery = config.GELDSTROOM_DIGEST_EVERY;
      const { report, signed, filled } = await withStore(config, (store) => signKeptDigests(store, signingKey, keepEvery));
      if (!report.ok) return fail(`The journal does not verify (${report.failure?.kind} at ${report.failure?.position ?? '?'}): nothing signed.`);
      say(`Signed ${signed} kept digest(s) of a journal of ${report.treeSize} events, root hash ${report.rootHash}.`);
      say(`Kept and signed ${filled} digest(s) missing from the series of one every ${keepEvery} events.`);
      return;
    }
    const digest = await withStore(config, (store) => new JournalDigester(store, signingKey ? { signingKey } : {}).current());
    say(JSON.stringify(digest, null, 2));
  }
}
