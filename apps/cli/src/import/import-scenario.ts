// Records a scenario through the same command path as any client. When an API keeps this data
// folder (it holds the read models' lock, and says where it listens), the commands go to it, as
// the recorder whose token is given; one writer of the read models at a time. When none does, the
// API itself is started in this process on a free port of 127.0.0.1, with a recorder that exists
// only for this import.
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { ReadModelLock } from '@geldstroom/projections';
import { randomBytes } from 'node:crypto';
import { containsBsn } from '@geldstroom/ledger';
import { AccessRegistry } from '@geldstroom/application/access/access-registry';
import { CLI_ACTOR } from '../cli-context';
import { createApp } from '../../../api/src/bootstrap';
import type { Configuration } from '../../../api/src/config/configuration';
import { recordScenario, type Scenario, type ScenarioOutcome } from '@geldstroom/application/scenario/scenario-loader';

export interface ImportResult {
  readonly principalId: string;
  readonly outcomes: readonly ScenarioOutcome[];
  /** The running API the commands went to; absent when this process recorded them. */
  readonly throughApi?: string;
}

export interface ImportTarget {
  /** A recorder's token, for an API that keeps the data folder. */
  readonly token?: string;
}

export class ApiHoldsLedgerError extends Error {}

export async function importScenario(
  config: Configuration,
  scenario: Scenario,
  file: string,
  onStep: (done: number, outcome: ScenarioOutcome) => void,
  target: ImportTarget = {},
): Promise<ImportResult> {
  const path = join(config.GELDSTROOM_DATA_DIR, 'projections.sqlite');
  if (ReadModelLock.isHeld(path)) return importThroughRunningApi(path, scenario, onStep, target);
  return importInProcess(config, scenario, file, onStep);
}

/** To the API that keeps the ledger, as the recorder the token names. */
async function importThroughRunningApi(
  path: string,
  scenario: Scenario,
  onStep: (done: number, outcome: ScenarioOutcome) => void,
  { token }: ImportTarget,
): Promise<ImportResult> {
  const holder = ReadModelLock.holderOf(path);
  if (!holder?.url) throw new ApiHoldsLedgerError(`another process (pid ${holder?.pid ?? '?'}) keeps this ledger and says no address to send commands to`);
  if (!token) {
    throw new ApiHoldsLedgerError(`the API at ${holder.url} keeps this ledger: give a recorder's token with --token (or GELDSTROOM_TOKEN) to import through it`);
  }
  return { principalId: 'the recorder the token names', outcomes: await recordScenario(holder.url, token, scenario, onStep), throughApi: holder.url };
}

async function importInProcess(
  config: Configuration,
  scenario: Scenario,
  file: string,
  onStep: (done: number, outcome: ScenarioOutcome) => void,
): Promise<ImportResult> {
  const app = await createApp({
    ...process.env,
    GELDSTROOM_DATA_DIR: config.GELDSTROOM_DATA_DIR,
    // The in-process API is a means, not a server: no log lines between the progress bar's,
    // no scheduled verify (`verify` is its own command), no first-start scenario.
    LOG_LEVEL: 'warn',
    GELDSTROOM_VERIFY_EVERY_MINUTES: '0',
    GELDSTROOM_FIRST_START_SCENARIO: '',
  });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const registry = app.get(AccessRegistry);
    const principalId = `cli-import-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    const { token } = await registry.create({ principalId, role: 'recorder', scope: 'all', label: importLabel(scenario, file) }, CLI_ACTOR);
    try {
      return { principalId, outcomes: await recordScenario(`http://127.0.0.1:${port}`, token, scenario, onStep) };
    } finally {
      // Revoked however the import ends: the token never outlives it.
      await registry.revoke(principalId, 'command-line import finished', CLI_ACTOR);
    }
  } finally {
    await app.close();
  }
}

/** Names the import in the access stream, so every event it wrote can be traced to it. */
function importLabel(scenario: Scenario, file: string): string {
  const label = `Command-line import of ${basename(file)}: ${scenario.name}`.slice(0, 200);
  // The access stream is in the journal: no personal data there either.
  return containsBsn(label) ? `Command-line import of a scenario file` : label;
}
