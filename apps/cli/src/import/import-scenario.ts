// Records a scenario through the same command path as any client. When an API keeps this data
// folder (it holds the read models' lock, and says where it listens), the commands go to it over
// HTTP, as the recorder whose token is given: two processes must not write one read-model file.
// When none does, they go through the command bus of this process, as the command line itself or
// as the recording principal --as names, with its role and scope; nothing listens on a port.
import { join } from 'node:path';
import { ReadModelLock } from '@geldstroom/projections';
import { AccessRegistry } from '@geldstroom/application/access/access-registry';
import { ALLOWED, mayNot } from '@geldstroom/application/access/access-rules';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { httpSender, inProcessSender, recordScenario, SCENARIO_LOADER_AGENT, type Scenario, type ScenarioOutcome } from '@geldstroom/application/scenario/scenario-loader';
import { runAtomicBatch, type BatchAnswer } from '@geldstroom/application/commands/batch';
import { commandKindAt } from '@geldstroom/application/commands/command-catalogue';
import type { CommandInput } from '@geldstroom/application/commands/submit-command';
import type { Sender } from '@geldstroom/application/commands/send-command';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import type { EventStore } from '@geldstroom/event-store';
import type { Configuration } from '../../../api/src/config/configuration';
import { CLI_ACTOR } from '../cli-context';
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
  /**
   * `--as`: a principal of the access registry, active and with a role that records, whose id,
   * role and scope an import in this process records with. Absent: the command line itself.
   */
  readonly as?: string;
  /**
   * `each` (default): step by step, a refused step refused on its own; `atomic`: all steps
   * written or none; `dry-run`: every step decided as `atomic` would, nothing written.
   */
  readonly mode?: ImportMode;
}

export type ImportMode = 'each' | 'atomic' | 'dry-run';

/** Why nothing was imported, said before any step was sent. */
export class NotImportedError extends Error {}

export class ApiHoldsLedgerError extends NotImportedError {}

/**
 * The command line's own actor (no --as): whoever runs it has the store in hand, and records for
 * every party as a recorder would (README, "Who may do what").
 */
const CLI_SENDER: Sender = { principalId: CLI_ACTOR, role: 'recorder', scope: 'all' };

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
  { token, as, mode = 'each' }: ImportTarget,
): Promise<ImportResult> {
  const holder = ReadModelLock.holderOf(path);
  if (!holder?.url) throw new ApiHoldsLedgerError(`another process (pid ${holder?.pid ?? '?'}) keeps this ledger and says no address to send commands to`);
  // The API records as the principal its token names; an --as beside it would name someone else.
  if (as !== undefined) {
    throw new ApiHoldsLedgerError(`the API at ${holder.url} keeps this ledger and records as the principal the token names: leave out --as ${as} (it names the principal of an import in this process only)`);
  }
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
  { as, mode = 'each' }: ImportTarget,
): Promise<ImportResult> {
  const app = await openLedgerContext(config);
  try {
    const sender = as === undefined ? CLI_SENDER : await recordingPrincipal(app.get<EventStore>(EVENT_STORE), as);
    const { principalId } = sender;
    const context = submitContextOf(app, sender, 'scenario-import');
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

/**
 * The principal --as names, as the access registry knows it: refused unless it exists, is not
 * revoked and has a role that records. Its scope then goes with every step, so a step outside it
 * is refused in the write path as over HTTP.
 */
async function recordingPrincipal(store: EventStore, as: string): Promise<Sender> {
  const principals = await AccessRegistry.onStore(store)
    .list()
    .catch((error: unknown) => {
      // An access stream that does not verify grants nothing, here as over HTTP.
      if (error instanceof ProblemException) throw new NotImportedError(`--as ${as} cannot be checked: ${error.message}`);
      throw error;
    });
  const principal = principals.find((p) => p.principalId === as);
  if (!principal) throw new NotImportedError(`--as ${as}: the ledger knows no principal ${as}`);
  if (principal.revoked) throw new NotImportedError(`--as ${as}: its access was revoked`);
  if (!ALLOWED.record.includes(principal.role)) throw new NotImportedError(`--as ${as}: ${mayNot(principal.role, 'record')}`);
  return { principalId: principal.principalId, role: principal.role, scope: principal.scope };
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
