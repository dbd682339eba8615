// Records a scenario through the same command path as any client: the API itself, started in
// this process on a free port of 127.0.0.1, with a recorder that exists only for this import.
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { containsBsn } from '@geldstroom/ledger';
import { AccessRegistry } from '../../../api/src/access/access-registry';
import { CLI_ACTOR } from '../cli-context';
import { createApp } from '../../../api/src/bootstrap';
import type { Configuration } from '../../../api/src/config/configuration';
import { recordScenario, type Scenario, type ScenarioOutcome } from '../../../api/src/scenario/scenario-loader';

export interface ImportResult {
  readonly principalId: string;
  readonly outcomes: readonly ScenarioOutcome[];
}

export async function importScenario(
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
