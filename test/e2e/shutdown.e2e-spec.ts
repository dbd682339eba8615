// SIGTERM in the middle of a burst of commands, on the API as `npm start` runs it (a process of
// its own): it stops accepting, answers the requests in flight, closes the read models and the
// store, and exits 0. Every command answered 201 is then in the journal, whole, and it verifies.
// Beside it, on the same process: its first start with a case to load, and its stop.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { Agent, get as httpGet } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore, verifyJournal } from '@geldstroom/event-store';
import { startApi as startInProcess } from '../support/api-harness';
import { eventsOf } from '../support/http';

const ROOT = resolve(__dirname, '../..');
/** Commands sent one after another by each worker: always some in flight when the signal comes. */
const WORKERS = 24;
const ANSWERS_BEFORE_SIGTERM = 150;
const COMMANDS_MAX = 5_000;
const START_TIMEOUT_MS = 60_000;

interface Answered {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly eventIds: string[];
  readonly afterSigterm: boolean;
}

interface Api {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly adminToken: string;
  readonly stdout: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** As `npm start` runs it; on an empty ledger (no scenario) unless `scenario` names one. */
async function startApi(dataDir: string, scenario = ''): Promise<Api> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, GELDSTROOM_DATA_DIR: dataDir, GELDSTROOM_FIRST_START_SCENARIO: scenario, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const startedMs = Date.now();
  // main.ts prints the first admin's token once it listens, then how to ask (on an empty ledger)
  // or the first answer about what it loaded.
  const started = scenario === '' ? 'Then ask, for example' : 'The first answer, as the ledger gives it now';
  while (!/^\s+(gs_\S+)\s*$/m.test(stdout) || !stdout.includes(started)) {
    if (child.exitCode !== null) throw new Error(`the API exited at start: ${stderr}`);
    if (Date.now() - startedMs > START_TIMEOUT_MS) throw new Error(`the API did not start: ${stdout}\n${stderr}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
  const adminToken = /^\s+(gs_\S+)\s*$/m.exec(stdout)![1];
  return { child, url: `http://127.0.0.1:${port}`, adminToken, stdout: () => stdout, exited };
}

async function postJson(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
}

/** Workers register parties until the API stops answering; the signal goes after some answers. */
async function burstUntilStopped(api: Api, token: string): Promise<{ answered: Answered[]; sigtermAtMs: number }> {
  const answered: Answered[] = [];
  let next = 0;
  let sigtermAtMs = 0;
  const worker = async () => {
    while (next < COMMANDS_MAX) {
      const n = (next += 1);
      const body = { partyId: `partij-${n}`, name: `Partij ${n}`, kind: 'municipality', effectiveDate: '2024-01-01', sourceReference: `register ${n}` };
      let response: Response;
      try {
        response = await postJson(`${api.url}/v1/parties`, token, body);
      } catch {
        return; // refused or cut: the API has stopped taking requests
      }
      const afterSigterm = sigtermAtMs > 0;
      if (response.status !== 201) throw new Error(`expected 201, got ${response.status} ${await response.text()}`);
      const result = (await response.json()) as Omit<Answered, 'afterSigterm'>;
      answered.push({ ...result, afterSigterm });
      if (answered.length === ANSWERS_BEFORE_SIGTERM) {
        sigtermAtMs = Date.now();
        api.child.kill('SIGTERM');
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return { answered, sigtermAtMs };
}

function logLines(stdout: string): { msg?: string; level?: number }[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; level?: number });
}

describe('SIGTERM during a burst of commands', () => {
  let dataDir: string;
  let api: Api | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'geldstroom-shutdown-'));
  });
  afterAll(() => {
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers what it took in, closes the store after the HTTP server, exits 0, and loses nothing acknowledged', async () => {
    api = await startApi(dataDir);
    const created = await postJson(`${api.url}/v1/principals`, api.adminToken, { principalId: 'recorder-burst', role: 'recorder', parties: 'all', label: 'Shutdown test' });
    expect(created.status).toBe(201);
    const recorderToken = ((await created.json()) as { token: string }).token;

    const { answered, sigtermAtMs } = await burstUntilStopped(api, recorderToken);
    const { code, signal } = await api.exited;

    expect(sigtermAtMs).toBeGreaterThan(0);
    expect(signal).toBeNull();
    expect(code).toBe(0);
    // Requests in flight when the signal came were answered, not cut off.
    expect(answered.filter((a) => a.afterSigterm).length).toBeGreaterThan(0);

    const store = SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
    try {
      for (const answer of answered) {
        const events = await eventsOf(store, answer.streamId);
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
        const written = events.slice(answer.revision - answer.eventIds.length + 1, answer.revision + 1);
        expect(written.map((e) => e.id)).toEqual(answer.eventIds);
        expect(written[written.length - 1].position).toBe(answer.position);
      }
      const report = await verifyJournal(store);
      expect(report.failure).toBeUndefined();
      expect(report.ok).toBe(true);
      expect(report.eventsChecked).toBeGreaterThanOrEqual(answered.length);
    } finally {
      await store.close();
    }

    const logs = logLines(api.stdout());
    const order = ['stopping: no new connections; requests in flight finish first', 'HTTP server closed', 'read models stopped', 'event store closed'];
    const at = order.map((msg) => logs.findIndex((line) => line.msg === msg));
    expect(at.every((index) => index >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Every request was logged, and never with its bearer token.
    expect(api.stdout()).not.toContain(recorderToken);
    expect(logs.filter((line) => line.msg === 'request completed').length).toBeGreaterThanOrEqual(answered.length);
  }, 180_000);
});

// The first start, as a new user runs it: the case loaded, the ledger verifies itself. The read
// models' verify must be of what they hold once they took the case in: one made before (at
// position 0) said "verified" on every answer about figures it had never seen.
describe('the first start with a case to load', () => {
  it('verifies the read models at the position they hold after the load, says so in /health and in an answer, and stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'geldstroom-first-start-'));
    const api = await startApi(dataDir, join(ROOT, 'scenarios/heerlen.scenario.json'));
    try {
      const auth = { headers: { Authorization: `Bearer ${api.adminToken}` } };
      const health = (await (await fetch(`${api.url}/health`, auth)).json()) as { details: { readModels: { headPosition: number; verification?: { matchesJournal: boolean; position: number } } } };
      const { headPosition, verification } = health.details.readModels;
      expect(headPosition).toBeGreaterThan(0);
      expect(verification).toMatchObject({ matchesJournal: true, position: headPosition });
      // The question main.ts prints about a programme's cost, asked as printed.
      const costUrl = /"(http:\/\/[^"\s]+\/cost[^"\s]*)"/.exec(api.stdout())?.[1];
      expect(costUrl).toBeDefined();
      const answer = (await (await fetch(costUrl!, auth)).json()) as { readModels?: { status: string; position: number; verifiedPosition: number } };
      expect(answer.readModels).toMatchObject({ status: 'verified', position: headPosition, verifiedPosition: headPosition });
      api.child.kill('SIGTERM');
      expect(await api.exited).toEqual({ code: 0, signal: null });
    } finally {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

// A connection that never sent a request is not idle to Node: its close would wait a minute (the
// headers timeout) for it. Neither it nor a kept-alive connection between requests holds up a stop.
describe('stopping with connections that carry no request', () => {
  it('closes a connection that said nothing and one kept alive after its answer, and stops', async () => {
    const api = await startInProcess();
    const app = api.app as NestFastifyApplication;
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const silent = connect(port, '127.0.0.1');
    await once(silent, 'connect');
    const agent = new Agent({ keepAlive: true });
    const status = await new Promise<number>((done, fail) =>
      httpGet({ host: '127.0.0.1', port, path: '/health', agent }, (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
      }).on('error', fail),
    );
    expect(status).toBe(200);
    const kept = Object.values(agent.freeSockets).flat()[0]!;
    expect(kept).toBeDefined();
    const closedByServer = [once(silent, 'close'), once(kept, 'close')];
    await api.close();
    await Promise.all(closedByServer);
    agent.destroy();
  }, 20_000);
});
