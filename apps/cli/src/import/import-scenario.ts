// Records a scenario through the same command path as any client. When an API keeps this data
// folder (it holds the read models' lock, and says where it listens), the commands go to it over
// HTTP, as the recorder whose token is given: two processes must not write one read-model file.
// When none does, they go through the command bus of this process, as the principal the CLI
// names; nothing listens on a port.
import { join } from 'node:path';
import { ReadModelLock } from '@geldstroom/projections';
import { httpSender, inProcessSender, recordScenario, type Scenario, type ScenarioOutcome } from '@geldstroom/application/scenario/scenario-loader';
import type { Configuration } from '../../../api/src/config/configuration';
import { openLedgerContext, submitContextOf } from './ledger-context';

export interface ImportResult {
  readonly principalId: string;
  readonly outcomes: readonly ScenarioOutcome[];
  /** The running API the commands went to; absent when this process recorded them. */
  readonly throughApi?: string;
}

export interface ImportTarget {
  /** A recorder's token, for an API that keeps the data folder. */
  readonly token?: string;
  /** The principal the events recorded in this process name as their actor. */
  readonly principalId: string;
}

export class ApiHoldsLedgerError extends Error {}

export async function importScenario(
  config: Configuration,
  scenario: Scenario,
  onStep: (done: number, outcome: ScenarioOutcome) => void,
  target: ImportTarget,
): Promise<ImportResult> {
  const path = join(config.GELDSTROOM_DATA_DIR, 'projections.sqlite');
  if (ReadModelLock.isHeld(path)) return importThroughRunningApi(path, scenario, onStep, target);
  return importInProcess(config, scenario, onStep, target.principalId);
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
  return { principalId: 'the recorder the token names', outcomes: await recordScenario(httpSender(holder.url, token), scenario, onStep), throughApi: holder.url };
}

async function importInProcess(
  config: Configuration,
  scenario: Scenario,
  onStep: (done: number, outcome: ScenarioOutcome) => void,
  principalId: string,
): Promise<ImportResult> {
  const app = await openLedgerContext(config);
  try {
    // The operator has the store in hand: the CLI names the principal, a recorder for every party.
    const context = submitContextOf(app, { principalId, role: 'recorder', scope: 'all' }, 'scenario-import');
    return { principalId, outcomes: await recordScenario(inProcessSender(context), scenario, onStep) };
  } finally {
    await app.close();
  }
}
