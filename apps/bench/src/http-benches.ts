// The API over HTTP under load: 64 connections asking the cost of a programme of 10,000 purchases,
// with a well-kept load generator (autocannon), beside a bare node:http server answering the same
// bytes in the same run: what the machine does for HTTP alone.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { SqliteEventStore } from '@geldstroom/event-store/sqlite/sqlite-event-store';
import { generateLedger, HEAVY_PROGRAMME } from '@geldstroom/projections/testing/generated-ledger';
import { AccessRegistry } from '@geldstroom/application/access/access-registry';
import { createApp } from '../../api/src/bootstrap';
import { ReadModels } from '../../api/src/queries/projections.module';

const CONNECTIONS = 64;
const SECONDS = 10;

export async function httpBenches(dir: string): Promise<void> {
  const store = SqliteEventStore.open({ path: `${dir}/events.sqlite` });
  // 10,000 purchases, ordered and paid, and a few ordinary programmes beside them.
  await generateLedger(store, { events: 25_000, programmes: 20, budgets: 10, heavyProgrammeEvents: 20_004 });
  await store.close();
  const app = await createApp({ ...process.env, GELDSTROOM_DATA_DIR: dir, LOG_LEVEL: 'warn', GELDSTROOM_FIRST_START_SCENARIO: '', GELDSTROOM_VERIFY_EVERY_MINUTES: '0' });
  await app.listen(0, '127.0.0.1');
  try {
    await app.get(ReadModels).projector.catchUp();
    const admin = await app.get(AccessRegistry).ensureFirstAdmin();
    const { token } = await app.get(AccessRegistry).create({ principalId: 'bench-reader', role: 'controller', scope: 'all', label: 'bench' }, 'bench');
    void admin;
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/v1/programmes/${HEAVY_PROGRAMME}/cost`;
    const headers = { authorization: `Bearer ${token}` };
    const answer = await fetch(url, { headers });
    if (answer.status !== 200) throw new Error(`the API answered ${answer.status}`);
    const body = Buffer.from(await answer.arrayBuffer());
    const raw = await bareServer(body, answer.headers.get('content-type') ?? 'application/json');
    try {
      const rawResult = await load(`http://127.0.0.1:${(raw.address() as AddressInfo).port}/`, headers);
      // How busy the API's event loop was under the load: near 1, the API's one thread is the limit.
      const loopBefore = performance.eventLoopUtilization();
      const result = await load(url, headers);
      const apiLoopBusy = Number(performance.eventLoopUtilization(loopBefore).utilization.toFixed(2));
      process.stdout.write(
        `${JSON.stringify({
          bench: 'http-programme-cost',
          answersPerS: Math.round(result.requests.average),
          p99Ms: result.latency.p99,
          apiLoopBusy,
          rawAnswersPerS: Math.round(rawResult.requests.average),
          rawP99Ms: rawResult.latency.p99,
          ratio: Number((result.requests.average / rawResult.requests.average).toFixed(3)),
          errors: result.errors + result.non2xx,
          bytes: body.length,
          connections: CONNECTIONS,
          seconds: SECONDS,
          purchases: 10_000,
          goalAnswersPerS: 1_500,
          raw: 'bare node:http server answering the same bytes',
        })}\n`,
      );
    } finally {
      raw.close();
    }
  } finally {
    await app.close();
  }
}

function bareServer(body: Buffer, contentType: string): Promise<Server> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function load(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  // In a worker thread: the load generator must not share the event loop of the server it measures.
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, workers: 1 });
}
