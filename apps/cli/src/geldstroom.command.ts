// The root of the CLI: its name, what it is, and the configuration every command reads.
import { CommandRunner, Help, RootCommand } from 'nest-commander';

@RootCommand({
  name: 'geldstroom',
  description: 'Geldstroom on the command line: import, verify, rebuild, export, digest, principals and copy, on the same libraries as the API.',
})
export class GeldstroomCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help({ error: true });
  }

  @Help('afterAll')
  configurationHelp(): string {
    return [
      '',
      'Configuration (the same environment variables as the API):',
      '  GELDSTROOM_DATA_DIR            folder of events.sqlite and projections.sqlite (default ./data; --data-dir overrides)',
      '  EVENTSTORE_CONNECTION_STRING   esdb://… : the ledger is on EventStoreDB/KurrentDB instead of SQLite',
      '  GELDSTROOM_SIGNING_KEY         Ed25519 private key (PKCS#8 PEM) that signs `digest`',
      '',
      'Exit codes: 0 done; 1 refused steps, a journal that is not intact, a copy that differs, or an error.',
      '`<command> --help` tells more, with every option.',
    ].join('\n');
  }
}
