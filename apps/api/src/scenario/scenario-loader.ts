// Records a scenario file of commands through the HTTP API itself — the same validation,
// decisions and access control as any client — never into the store directly. A step already
// recorded answers as a replay, so loading a scenario twice writes nothing the second time.
import { readFileSync } from 'node:fs';

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
  readonly outcome: 'written' | 'replayed' | 'refused';
  readonly detail?: string;
}

export function readScenario(path: string): Scenario {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Scenario>;
  if (!Array.isArray(parsed.steps) || typeof parsed.name !== 'string') {
    throw new Error(`${path} is not a scenario: it needs a name and a list of steps`);
  }
  for (const [i, step] of parsed.steps.entries()) {
    if (!/^POST \/v1\/[a-z0-9/-]+$/.test(String(step?.request)) || typeof step.body !== 'object' || typeof step.source !== 'string') {
      throw new Error(`${path}: step ${i + 1} needs a request "POST /v1/…", a body and a source`);
    }
  }
  return parsed as Scenario;
}

/** Sends every step in order; calls `onStep` after each, for progress. */
export async function recordScenario(
  baseUrl: string,
  token: string,
  scenario: Scenario,
  onStep: (done: number, outcome: ScenarioOutcome) => void = () => undefined,
): Promise<ScenarioOutcome[]> {
  const outcomes: ScenarioOutcome[] = [];
  for (const step of scenario.steps) {
    const path = step.request.slice('POST '.length);
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Correlation-Id': 'scenario-import' },
      body: JSON.stringify(step.body),
    });
    const text = await response.text();
    const outcome: ScenarioOutcome =
      response.status === 201
        ? { step, status: 201, outcome: response.headers.get('idempotent-replayed') === 'true' ? 'replayed' : 'written' }
        : { step, status: response.status, outcome: 'refused', detail: problemDetail(text) };
    outcomes.push(outcome);
    onStep(outcomes.length, outcome);
  }
  return outcomes;
}

function problemDetail(text: string): string {
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string };
    return problem.detail ?? problem.title ?? text;
  } catch {
    return text.slice(0, 200);
  }
}
