// `import <file>`: records a scenario file of commands through the ledger's own command path.
import { Command, Option } from 'nest-commander';
import { ENTITY_ID_PATTERN } from '@geldstroom/ledger';
import { CLI_ACTOR, configure, describeStore, fail, say, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';
import { progressBar } from '../progress';
import { importScenario, NotImportedError, type ImportResult } from './import-scenario';
import { readScenarioFile } from './scenario-file';

interface ImportOptions extends LedgerOptions {
  readonly token?: string;
  readonly as?: string;
  readonly dryRun?: boolean;
  readonly atomic?: boolean;
}

@Command({
  name: 'import',
  arguments: '<file>',
  argsDescription: { file: 'scenario file (.json, .yaml or .yml) shaped like scenarios/heerlen.scenario.json' },
  description:
    'Record a scenario file of commands through the ledger\'s own command path (validation, decisions, access ' +
    'control) in this process, no HTTP server started, as the command line (a recorder for every party) or as the ' +
    'recording principal --as names, with its scope; ' +
    'through a running API that keeps the data folder with --token. Steps already recorded answer as replays, ' +
    'so importing twice writes nothing the second time. --atomic writes every step or none; --dry-run checks every ' +
    'step against the ledger as it is (as --atomic would decide them) and writes nothing. Exit code 0 when no step was refused, 1 otherwise.',
})
export class ImportCommand extends LedgerCommand {
  @Option({
    flags: '--token <token>',
    description: "A recorder's API token, to import through an API that keeps the same data folder (default: GELDSTROOM_TOKEN)",
  })
  parseToken(value: string): string {
    return value;
  }

  @Option({
    flags: '--as <principal-id>',
    description: `The principal every event recorded in this process names as its actor, e.g. import-begroting-2024 (default: ${CLI_ACTOR})`,
  })
  parseAs(value: string): string {
    if (!ENTITY_ID_PATTERN.test(value)) throw new Error(`--as must be an id like import-begroting-2024 (${ENTITY_ID_PATTERN.source})`);
    return value;
  }

  @Option({ flags: '--dry-run', description: 'check every step against the ledger as it is, each on what the steps before it would leave, and write nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--atomic', description: 'write every step or none: when one is refused, nothing is written' })
  parseAtomic(): boolean {
    return true;
  }

  async run([file]: string[], options: ImportOptions): Promise<void> {
    const config = configure(options);
    const scenario = readScenarioFile(file);
    say(`Importing "${scenario.name}" (${steps(scenario.steps.length)}) into ${describeStore(config)}`);
    const bar = progressBar('import', 'steps');
    bar.start(scenario.steps.length, 0);
    let result: ImportResult;
    const token = options.token ?? process.env.GELDSTROOM_TOKEN;
    try {
      const mode = options.dryRun ? 'dry-run' : options.atomic ? 'atomic' : 'each';
      result = await importScenario(config, scenario, (done) => bar.update(done), { ...(options.as !== undefined ? { as: options.as } : {}), mode, ...(token ? { token } : {}) });
    } catch (error) {
      if (!(error instanceof NotImportedError)) throw error;
      bar.stop();
      fail(`Not imported: ${error.message}.`);
      return;
    } finally {
      bar.stop();
    }
    const count = (kind: string) => result.outcomes.filter((o) => o.outcome === kind).length;
    const refused = count('refused');
    if (options.dryRun) {
      say(`Dry run, nothing written. ${steps(scenario.steps.length)}: ${count('written')} would be written, ${count('replayed')} already there, ${refused} refused.`);
    } else {
      const notWritten = count('not-written');
      say(`${steps(scenario.steps.length)}: ${count('written')} written, ${count('replayed')} already there, ${refused} refused${notWritten > 0 ? `, ${notWritten} not written (all or nothing)` : ''}.`);
    }
    result.outcomes.forEach((outcome, index) => {
      if (outcome.outcome !== 'refused') return;
      say(`  refused: step ${index + 1} ${outcome.step.request} (${outcome.status}): ${outcome.detail ?? 'no detail'}`);
    });
    if (!options.dryRun) {
      say(
        result.throughApi
          ? `Recorded through the API at ${result.throughApi}, which keeps this ledger, as ${result.principalId}.`
          : `Recorded in this process as ${result.principalId}.`,
      );
    }
    process.exitCode = refused === 0 ? 0 : 1;
  }
}

const steps = (count: number): string => `${count} ${count === 1 ? 'step' : 'steps'}`;
