// Reads a scenario file of commands, JSON or YAML, and checks its shape before anything is sent.
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validateScenario, type Scenario } from '@geldstroom/application/scenario/scenario-loader';
import { unreadable } from '../cli-context';

/** A scenario is a list of commands typed by hand or exported: far below this. */
const SCENARIO_FILE_BYTES_MAX = 20 * 1024 * 1024;

export function readScenarioFile(path: string): Scenario {
  const format = formatOf(path);
  let text: string;
  try {
    const bytes = statSync(path).size;
    if (bytes > SCENARIO_FILE_BYTES_MAX) throw new Error(`${path} is ${bytes} bytes; a scenario file is at most ${SCENARIO_FILE_BYTES_MAX}`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw unreadable(path, error);
  }
  let parsed: unknown;
  try {
    // YAML's core schema: an unquoted 2024-01-01 stays text; aliases are capped against blow-ups.
    parsed = format === 'json' ? JSON.parse(text) : parseYaml(text, { schema: 'core', maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
    throw new Error(`${path} is not valid ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return validateScenario(parsed, path);
}

function formatOf(path: string): 'json' | 'yaml' {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  throw new Error(`${path}: give a .json, .yaml or .yml scenario file`);
}
