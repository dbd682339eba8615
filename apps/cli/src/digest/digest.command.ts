// `digest`: the journal's current Merkle tree head as JSON, signed when a key is configured:
// what an auditor keeps, and later hands to `verify --digest`.
import { Command } from 'nest-commander';
import { JournalDigester, loadSigningKey } from '@geldstroom/event-store';
import { configure, say, withStore, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';

@Command({
  name: 'digest',
  description:
    'Print the journal\'s current digest as JSON: tree size, RFC 6962 root hash, head position and time, ' +
    'signed with Ed25519 when GELDSTROOM_SIGNING_KEY is set. Keep it; `verify --digest <file>` proves the ' +
    'log still extends it.',
})
export class DigestCommand extends LedgerCommand {
  async run(_: string[], options: LedgerOptions): Promise<void> {
    const config = configure(options);
    const signingKey = config.GELDSTROOM_SIGNING_KEY ? loadSigningKey(config.GELDSTROOM_SIGNING_KEY) : undefined;
    const digest = await withStore(config, (store) => new JournalDigester(store, signingKey ? { signingKey } : {}).current());
    say(JSON.stringify(digest, null, 2));
  }
}
