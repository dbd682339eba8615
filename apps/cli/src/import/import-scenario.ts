// Records a scenario through the same command path as any client. When an API keeps this data
// folder (it holds the read models' lock, and says where it listens), the commands go to it over
// HTTP, as the recorder whose token is given: two processes must not write one read-model file.
// When none does, they go through the command bus of this process, as the principal the CLI
// names; nothing listens on a port.
import { join } from 'node:path';
import { ReadModelLock } from '@geldstroom/projections';
import { httpSender, inProcessSender, recordScenario, SCENARIO_LOADER_AGENT, type Scenario, type ScenarioOutcome } from '@geldstroom/application/scenario/scenario-loader';
import { runAtomicBatch, type BatchAnswer } from '@geldstroom/application/commands/batch';
import { commandKindAt } from '@geldstroom/application/commands/command-catalogue';
import type { CommandInput } from '@geldstroom/application/commands/submit-command';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import type { EventStore } from '@geldstroom/event-store';
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
  /**
   * `each` (default): step by step, a refused step refused on its own; `atomic`: all steps
   * written or none; `dry-run`: every step decided as `atomic` would, nothing written.
   */
  readonly mode?: ImportMode;
}

export type ImportMode = 'each' | 'atomic' | 'dry-run';

export class ApiHoldsLedgerError extends Error {}

export async function importScenario(
  config: Configuration,
  scenario: Scenario,
  onStep: (done: number, outcome: ScenarioOutcome) => void,
  target: ImportTarget,
): Promise<ImportResult> {
  const path = join(config.GELDSTROOM_DATA_DIR, 'projections.sqlite');
  if (ReadModelLock.isHeld(path)) return importThroughRunningApi(path, scenario, onStep, target);
  return importInProcess(config, scenario, onStep, target);
}

/** To the API that keeps the ledger, as the recorder the token names. */
async function importThroughRunningApi(
  path: string,
  scenario: Scenario,
  onStep: (done: number, outcome: ScenarioOutcome) => void,
  { token, mode = 'each' }: ImportTarget,
): Promise<ImportResult> {
  const holder = ReadModelLock.holderOf(path);
  if (!holder?.url) throw new ApiHoldsLedgerError(`another process (pid ${holder?.pid ?? '?'}) keeps this ledger and says no address to send commands to`);
  if (!token) {
    throw new ApiHoldsLedgerError(`the API at ${holder.url} keeps this ledger: give a recorder's token with --token (or GELDSTROOM_TOKEN) to import through it`);
  }
  const principalId = 'the recorder the token names';
  if (mode !== 'each') return { principalId, outcomes: await batchThroughApi(holder.url, token, scenario, mode, onStep), throughApi: holder.url };
  return { principalId, outcomes: await recordScenario(httpSender(holder.url, token), scenario, onStep), throughApi: holder.url };
}

/** The whole scenario as one atomic batch (or its dry run) to POST /v1/batches of the running API. */
async function batchThroughApi(baseUrl: string, token: string, scenario: Scenario, mode: Exclude<ImportMode, 'each'>, onStep: (done: number, outcome: ScenarioOutcome) => void): Promise<ScenarioOutcome[]> {
  const inputs = batchInputs(scenario);
  if (!Array.isArray(inputs)) return inputs.refused;
  const response = await fetch(`${baseUrl}/v1/batches`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Correlation-Id': 'scenario-import', 'User-Agent': SCENARIO_LOADER_AGENT },
    body: JSON.stringify({ atomic: true, dryRun: mode === 'dry-run', commands: inputs.map((input) => ({ kind: input.kind.kind, ...(input.id ? { id: input.id } : {}), body: input.body })) }),
  });
  const answer = (await response.json()) as { results?: { status: number; replayed?: boolean }[]; commandIndex?: number; status?: number; detail?: string };
  const outcomes = answer.results
    ? scenario.steps.map((step, index): ScenarioOutcome => ({ step, status: answer.results![index].status, outcome: answer.results![index].replayed ? 'replayed' : 'written' }))
    : refusedWhole(scenario, answer.commandIndex ?? -1, response.status, answer.detail ?? `the batch was refused (${response.status})`);
  outcomes.forEach((outcome, index) => onStep(index + 1, outcome));
  return outcomes;
}

async function importInProcess(
  config: Configuration,
  scenario: Scenario,
  onStep: (done: number, outcome: ScenarioOutcome) => void,
  { principalId, mode = 'each' }: ImportTarget,
): Promise<ImportResult> {
  const app = await openLedgerContext(config);
  try {
    // The operator has the store in hand: the CLI names the principal, a recorder for every party.
    const context = submitContextOf(app, { principalId, role: 'recorder', scope: 'all' }, 'scenario-import');
    if (mode === 'each') return { principalId, outcomes: await recordScenario(inProcessSender(context), scenario, onStep) };
    const inputs = batchInputs(scenario);
    if (!Array.isArray(inputs)) return { principalId, outcomes: inputs.refused };
    const answer = await runAtomicBatch(inputs, { ...context, store: app.get<EventStore>(EVENT_STORE), dryRun: mode === 'dry-run' });
    const outcomes = outcomesOf(scenario, answer);
    outcomes.forEach((outcome, index) => onStep(index + 1, outcome));
    return { principalId, outcomes };
  } finally {
    await app.close();
  }
}

/** Each step as the command kind its request names; a step naming none refuses the whole. */
function batchInputs(scenario: Scenario): CommandInput[] | { refused: ScenarioOutcome[] } {
  const inputs: CommandInput[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    const found = commandKindAt(step.request.slice('POST '.length));
    if (!found) return { refused: refusedWhole(scenario, index, 404, `no command is recorded at ${step.request}`) };
    inputs.push({ kind: found.kind, id: found.id, body: step.body });
  }
  return inputs;
}

function outcomesOf(scenario: Scenario, answer: BatchAnswer): ScenarioOutcome[] {
  if (answer.kind === 'refused') return refusedWhole(scenario, answer.index, answer.outcome.status, answer.outcome.problem.detail ?? answer.outcome.problem.title);
  return scenario.steps.map((step, index) => {
    const outcome = answer.outcomes[index];
    return { step, status: outcome.status, outcome: outcome.ok && outcome.replayed ? 'replayed' : 'written' };
  });
}

/** All or nothing: the step that stopped it is refused, every other one is not written. */
function refusedWhole(scenario: Scenario, index: number, status: number, detail: string): ScenarioOutcome[] {
  return scenario.steps.map((step, at) =>
    at === index || (index < 0 && at === 0) ? { step, status, outcome: 'refused', detail } : { step, status: 0, outcome: 'not-written' },
  );
}
