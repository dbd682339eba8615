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
      'once, when GELDSTROOM_SIGNING_KEY is first set on a ledger that kept digests without it: verify, and ' +
      'when the journal holds, sign every unsigned kept digest (verify fails on them otherwise)',
  })
  parseSignKept(): boolean {
    return true;
  }

  async run(_: string[], options: DigestOptions): Promise<void> {
    const config = configure(options);
    const signingKey = config.GELDSTROOM_SIGNING_KEY ? loadSigningKey(config.GELDSTROOM_SIGNING_KEY) : undefined;
    if (options.signKept) {
      if (!signingKey) return fail('--sign-kept needs GELDSTROOM_SIGNING_KEY');
      const { report, signed } = await withStore(config, (store) => signKeptDigests(store, signingKey));
      if (!report.ok) return fail(`The journal does not verify (${report.failure?.kind} at ${report.failure?.position ?? '?'}): nothing signed.`);
      say(`Signed ${signed} kept digest(s) of a journal of ${report.treeSize} events, root hash ${report.rootHash}.`);
      return;
    }
    const digest = await withStore(config, (store) => new JournalDigester(store, signingKey ? { signingKey } : {}).current());
    say(JSON.stringify(digest, null, 2));
  }
}
