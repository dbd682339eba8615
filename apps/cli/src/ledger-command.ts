// The base of every command: the `--data-dir` option, parsed the same way everywhere.
import { CommandRunner, Option } from 'nest-commander';

export abstract class LedgerCommand extends CommandRunner {
  @Option({
    flags: '--data-dir <dir>',
    description: 'folder of events.sqlite and projections.sqlite; overrides GELDSTROOM_DATA_DIR (default ./data)',
  })
  parseDataDir(value: string): string {
    return value;
  }
}
