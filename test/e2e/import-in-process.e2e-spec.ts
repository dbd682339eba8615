// The command line's import records through the command bus of its own process: no HTTP server is
// started (nothing calls listen on any socket), and every event it wrote names the recorder --as
// named. A real SQLite ledger in a temporary folder of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore, type RecordedEvent } from '@geldstroom/event-store';
import { readScenario } from '@geldstroom/application/scenario/scenario-loader';
import { AccessRegistry, ACCESS_STREAM } from '@geldstroom/application/access/access-registry';
import { validateConfiguration } from '../../apps/api/src/config/configuration';
import { importScenario } from '../../apps/cli/src/import/import-scenario';

const SCENARIO = join(__dirname, '..', '..', 'scenarios', 'heerlen.scenario.json');

describe('import in process', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'geldstroom-import-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records every step without listening on a port, as the recorder it names', async () => {
    const made = await openEventStore({ dataDir });
    try {
      await AccessRegistry.onStore(made).create({ principalId: 'import-test', role: 'recorder', scope: 'all', label: 'Import test' }, 'command-line');
    } finally {
      await made.close();
    }
    const listen = jest.spyOn(Server.prototype, 'listen');
    const config = validateConfiguration({ GELDSTROOM_DATA_DIR: dataDir, LOG_LEVEL: 'error', GELDSTROOM_SIGNING_KEY: '' });
    const scenario = readScenario(SCENARIO);
    const result = await importScenario(config, scenario, () => undefined, { as: 'import-test' });
    expect(listen).not.toHaveBeenCalled();
    listen.mockRestore();

    expect(result.throughApi).toBeUndefined();
    expect(result.outcomes.filter((o) => o.outcome !== 'written')).toEqual([]);
    expect(result.outcomes).toHaveLength(scenario.steps.length);
    const store = await openEventStore({ dataDir });
    try {
      const events: RecordedEvent[] = [];
      for await (const event of store.readAll()) events.push(event);
      expect(events.length).toBeGreaterThanOrEqual(scenario.steps.length);
      expect(new Set(events.filter((e) => e.streamId !== ACCESS_STREAM).map((e) => e.metadata.actor))).toEqual(new Set(['import-test']));
      expect(events.map((e) => e.streamId)).toContain('programme-pilot-werkvoorheerlen-2024');
    } finally {
      await store.close();
    }
  });

  it('answers a step no command is recorded at as refused, with a 404, and goes on', async () => {
    const config = validateConfiguration({ GELDSTROOM_DATA_DIR: dataDir, LOG_LEVEL: 'error', GELDSTROOM_SIGNING_KEY: '' });
    const body = { partyId: 'gemeente-voerendaal', name: 'Gemeente Voerendaal', kind: 'municipality', sourceReference: 'Partijenregister', effectiveDate: '2024-01-01' };
    const scenario = {
      name: 'one unknown, one good',
      steps: [
        { request: 'POST /v1/nothing-here', body: {}, source: 'test' },
        { request: 'POST /v1/parties', body, source: 'test' },
      ],
    };
    const result = await importScenario(config, scenario, () => undefined, {});
    expect(result.outcomes.map((o) => [o.status, o.outcome])).toEqual([
      [404, 'refused'],
      [201, 'written'],
    ]);
  });

  it('refuses a step whose text holds half a surrogate pair, which the store will not keep, and writes nothing of it', async () => {
    const config = validateConfiguration({ GELDSTROOM_DATA_DIR: dataDir, LOG_LEVEL: 'error', GELDSTROOM_SIGNING_KEY: '' });
    // As a scenario file says it: JSON.parse makes the escape a lone surrogate.
    const body = JSON.parse('{"partyId": "stichting-halve-pair", "name": "Stichting \\ud800 Werk", "kind": "foundation", "sourceReference": "Partijenregister", "effectiveDate": "2024-01-01"}');
    const result = await importScenario(config, { name: 'half a pair', steps: [{ request: 'POST /v1/parties', body, source: 'test' }] }, () => undefined, {});
    expect(result.outcomes.map((o) => [o.status, o.outcome])).toEqual([[422, 'refused']]);
    const store = await openEventStore({ dataDir });
    try {
      expect(await store.streamRevision('party-stichting-halve-pair')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
