// Records a scenario file of commands through the ledger's one command path — the same
// validation, decisions and access control as any client — never into the store directly: in
// this process through the command bus, or to a running API over HTTP. A step already recorded
// answers as a replay, so loading a scenario twice writes nothing the second time.
import { readFileSync } from 'node:fs';
import { commandKindAt } from '../commands/command-catalogue';
import { submitCommand, type SubmitContext } from '../commands/submit-command';

export interface ScenarioStep {
  /** "POST /v1/…": the command endpoint. */
  readonly request: string;
  readonly body: Record<string, unknown>;
  /** Where the fact comes from (a letter, a decision). */
  readonly source: string;
  /** What was assumed where the source gives no figure or date. */
  readonly assumption?: string;
}

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly steps: readonly ScenarioStep[];
}

export interface ScenarioOutcome {
  readonly step: ScenarioStep;
  readonly status: number;
  /** `not-written`: an atomic import (or its dry run) stopped at another step. */
  readonly outcome: 'written' | 'replayed' | 'refused' | 'not-written';
  readonly detail?: string;
}

/** Names the loader's requests: their request log lines drop to debug (the loader sums them up). */
export const SCENARIO_LOADER_AGENT = 'geldstroom-scenario-loader';

export function readScenario(path: string): Scenario {
  return validateScenario(JSON.parse(readFileSync(path, 'utf8')), path);
}

const STEP_KEYS = new Set(['request', 'body', 'source', 'assumption']);
/** A limit on everything: a scenario file holds at most this many steps. */
const STEPS_MAX = 10_000;

/**
 * Checks the shape of a parsed scenario (from JSON or YAML) before anything is sent; throws
 * naming every bad step at once, so one edit of the file fixes them all.
 */
export function validateScenario(parsed: unknown, source: string): Scenario {
  const candidate = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Partial<Scenario>;
  if (!Array.isArray(candidate.steps) || typeof candidate.name !== 'string') {
    throw new Error(`${source} is not a scenario: it needs a name and a list of steps`);
  }
  if (candidate.steps.length > STEPS_MAX) throw new Error(`${source}: at most ${STEPS_MAX} steps, found ${candidate.steps.length}`);
  const problems = candidate.steps.flatMap((step: unknown, i) => stepProblems(step).map((problem) => `step ${i + 1}: ${problem}`));
  if (problems.length > 0) throw new Error(`${source} is not a valid scenario:\n  ${problems.join('\n  ')}`);
  return candidate as Scenario;
}

function stepProblems(step: unknown): string[] {
  if (typeof step !== 'object' || step === null || Array.isArray(step)) return ['is not an object'];
  const { request, body, source, assumption } = step as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof request !== 'string' || !/^POST \/v1\/[a-z0-9/-]+$/.test(request)) problems.push('needs a request "POST /v1/…"');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) problems.push('needs a body that is an object');
  if (typeof source !== 'string' || source.trim() === '') problems.push('needs a source (the letter or decision it comes from)');
  if (assumption !== undefined && typeof assumption !== 'string') problems.push('assumption must be text');
  const unknown = Object.keys(step).filter((key) => !STEP_KEYS.has(key));
  if (unknown.length > 0) problems.push(`has unknown fields ${unknown.join(', ')}`);
  return problems;
}

/** Sends one step and tells how it went. */
export type StepSender = (step: ScenarioStep) => Promise<Omit<ScenarioOutcome, 'step'>>;

/** Sends every step in order; calls `onStep` after each, for progress. */
export async function recordScenario(
  send: StepSender,
  scenario: Scenario,
  onStep: (done: number, outcome: ScenarioOutcome) => void = () => undefined,
): Promise<ScenarioOutcome[]> {
  const outcomes: ScenarioOutcome[] = [];
  for (const step of scenario.steps) {
    const outcome: ScenarioOutcome = { step, ...(await send(step)) };
    outcomes.push(outcome);
    onStep(outcomes.length, outcome);
  }
  return outcomes;
}

/** Each step through the command bus of this process, as the context's principal. */
export function inProcessSender(context: SubmitContext): StepSender {
  return async (step) => {
    const path = step.request.slice('POST '.length);
    const found = commandKindAt(path);
    if (!found) return { status: 404, outcome: 'refused', detail: `no command is recorded at ${step.request}` };
    const outcome = await submitCommand({ kind: found.kind, id: found.id, body: step.body }, context);
    if (outcome.ok) return { status: 201, outcome: outcome.replayed ? 'replayed' : 'written' };
    return { status: outcome.status, outcome: 'refused', detail: outcome.problem.detail ?? outcome.problem.title };
  };
}

/** Each step to a running API's endpoint, as the principal the token names. */
export function httpSender(baseUrl: string, token: string): StepSender {
  return async (step) => {
    const path = step.request.slice('POST '.length);
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        'X-Correlation-Id': 'scenario-import',
        'User-Agent': SCENARIO_LOADER_AGENT,
      },
      body: JSON.stringify(step.body),
    });
    const text = await response.text();
    if (response.status === 201) return { status: 201, outcome: response.headers.get('idempotent-replayed') === 'true' ? 'replayed' : 'written' };
    return { status: response.status, outcome: 'refused', detail: problemDetail(text) };
  };
}

function problemDetail(text: string): string {
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string };
    return problem.detail ?? problem.title ?? text;
  } catch {
    return text.slice(0, 200);
  }
}
