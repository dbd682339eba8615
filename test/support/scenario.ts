// Replays a scenario file (scenarios/*.scenario.json) through the HTTP API.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Harness } from './api-harness';
import { post } from './http';

export interface ScenarioStep {
  readonly request: string;
  readonly body: Record<string, unknown>;
  readonly source: string;
  readonly assumption?: string;
}

export function loadScenario(name: string): ScenarioStep[] {
  const path = join(__dirname, '..', '..', 'scenarios', `${name}.scenario.json`);
  return (JSON.parse(readFileSync(path, 'utf8')) as { steps: ScenarioStep[] }).steps;
}

export async function recordScenario(api: Harness, steps: readonly ScenarioStep[]) {
  const responses = [];
  for (const step of steps) {
    const [method, path] = step.request.split(' ');
    if (method !== 'POST') throw new Error(`scenario step ${step.request}: only POST is a command`);
    const response = await post(api, path, step.body);
    if (response.status !== 201) {
      throw new Error(`scenario step ${step.request} failed: ${response.status} ${response.text}`);
    }
    responses.push(response.body as { id: string; streamId: string; revision: number; position: number });
  }
  return responses;
}
