// The command path under load: 64 connections each posting new purchases (POST /v1/purchases,
// every one a new id, from 1,000 suppliers in turn) to the API on a fresh SQLite ledger, with
// autocannon in a worker thread.
// In the same run, as the limits it is held against: a bare node:http server that reads a body
// of the same size and answers a command's answer, and the store alone with 64 appends in flight.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { v7 as uuidv7 } from 'uuid';
import { SqliteEventStore } from '@geldstroom/event-store/sqlite/sqlite-event-store';
import { AccessRegistry } from '@geldstroom/application/access/access-registry';
import { createApp } from '../../api/src/bootstrap';
import { ReadModels } from '../../api/src/queries/projections.module';
import { CpuMeter, perSecond } from './bench-report';

const CONNECTIONS = 64;
const SECONDS = 10;
const STORE_APPENDS = 20_000;
const SETUP_REQUEST = join(__dirname, 'new-purchase-request.js');
const ON = { sourceReference: 'Begroting bench', effectiveDate: '2024-01-01' };
/**
 * The purchases go to these suppliers in turn (new-purchase-request.js reads the same variable).
 * With one supplier every purchase grows one split-purchase finding, which the read side derives
 * again, whole, at each purchase: a cost that grows with the purchases (see the README).
 */
const SUPPLIERS = Number(process.env.BENCH_SUPPLIERS ?? 1000);
const BATCH_MAX = 1_000;

export async function commandBench(dir: string): Promise<void> {
  const storeAppendsPerS = await storeAlone(join(dir, 'store-alone.sqlite'));
  const app = await createApp({ ...process.env, GELDSTROOM_DATA_DIR: join(dir, 'api'), LOG_LEVEL: 'warn', GELDSTROOM_FIRST_START_SCENARIO: '', GELDSTROOM_VERIFY_EVERY_MINUTES: '0' });
  await app.listen(0, '127.0.0.1');
  try {
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const token = await recorderWithBooks(app.get(AccessRegistry), base);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // The books just set up are in the read models before any load: the bare server's rate is the
    // machine's alone, not shared with a projector still taking them in.
    const readModels = app.get(ReadModels);
    await readModels.current('until-held');
    const raw = await bareServer();
    try {
      const rawResult = await load(`http://127.0.0.1:${(raw.address() as AddressInfo).port}/v1/purchases`, headers);
      // How busy the API's event loop was under the load: near 1, the API's one thread is the limit.
      const loopBefore = performance.eventLoopUtilization();
      const cpu = new CpuMeter();
      const result = await load(`${base}/v1/purchases`, headers);
      const apiLoopBusy = Number(performance.eventLoopUtilization(loopBefore).utilization.toFixed(2));
      const cpuPerCommand = cpu.per(result.requests.total, 'Command');
      // What a question asked right after the load waits for: the read models take the commands in
      // beside them, at a lower priority than the API's thread (see the README).
      const behind = (await readModels.lag()).lagEvents;
      const catchUpStarted = process.hrtime.bigint();
      await readModels.current('until-held');
      const catchUpS = Number(process.hrtime.bigint() - catchUpStarted) / 1e9;
      process.stdout.write(
        `${JSON.stringify({
          bench: 'http-command',
          commandsPerS: Math.round(result.requests.average),
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          apiLoopBusy,
          // The process's threads together (API, projector, collector, load generator): see CpuMeter.
          ...cpuPerCommand,
          readModelsBehindAtEnd: behind,
          readModelsCatchUpAfterS: Number(catchUpS.toFixed(1)),
          rawAnswersPerS: Math.round(rawResult.requests.average),
          rawP99Ms: rawResult.latency.p99,
          ratio: Number((result.requests.average / rawResult.requests.average).toFixed(3)),
          storeAppendsPerS: Math.round(storeAppendsPerS),
          suppliers: SUPPLIERS,
          errors: result.errors + result.non2xx,
          commands: result.requests.total,
          connections: CONNECTIONS,
          seconds: SECONDS,
          goalCommandsPerS: 3_000,
          goalP99Ms: 100,
          raw: 'bare node:http server reading the same bodies and answering 201 with a command answer',
        })}\n`,
      );
    } finally {
      raw.close();
    }
  } finally {
    await app.close();
  }
}

/** The books every purchase is charged to, and a recorder for them, made through the API's batches. */
async function recorderWithBooks(registry: AccessRegistry, base: string): Promise<string> {
  await registry.ensureFirstAdmin();
  const { token } = await registry.create({ principalId: 'bench-recorder', role: 'recorder', scope: 'all', label: 'bench' }, 'bench');
  const send = async (commands: object[]) => {
    const response = await fetch(`${base}/v1/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ atomic: true, commands }),
    });
    if (response.status !== 201) throw new Error(`setting up the books answered ${response.status}: ${await response.text()}`);
  };
  await send([
    { kind: 'register-party', body: { partyId: 'bench-buyer', name: 'Gemeente Bench', kind: 'municipality', ...ON } },
    { kind: 'open-budget', body: { budgetId: 'bench-budget', ownerPartyId: 'bench-buyer', name: 'Bench', fiscalYear: 2024, taakveld: '6.4', ...ON } },
    // Funded beyond what the run buys: an overrun would be a finding that grows with every purchase.
    { kind: 'fund-budget', id: 'bench-budget', body: { fundingId: 'eigen-middelen', source: 'own-means', amount: '1000000000.00', ...ON } },
  ]);
  const suppliers = Array.from({ length: SUPPLIERS }, (_, i) => ({ kind: 'register-party', body: { partyId: `bench-supplier-${i}`, name: `Leverancier ${i}`, kind: 'company', ...ON } }));
  for (let i = 0; i < suppliers.length; i += BATCH_MAX) await send(suppliers.slice(i, i + BATCH_MAX));
  return token;
}

/** The store alone: 64 writers, each appending a purchase-sized event and awaiting it, then the next. */
async function storeAlone(path: string): Promise<number> {
  const store = SqliteEventStore.open({ path });
  const perWriter = STORE_APPENDS / CONNECTIONS;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, writer) => {
      for (let i = 0; i < perWriter; i += 1) {
        const id = uuidv7();
        const data = { purchaseId: `p-${writer}-${i}`, budgetId: 'bench-budget', supplierPartyId: 'bench-supplier', count: 2, unitPriceCents: 250_000, targetGroup: 'Grote afstand', effectiveDate: '2024-03-01' };
        await store.append(`purchase-${writer}-${i}`, [{ id, type: 'TrajectoriesPurchased', data, metadata: { actor: 'bench', correlationId: id, causationId: id, schemaVersion: 1 } }], 'no_stream');
      }
    }),
  );
  const perS = perSecond(STORE_APPENDS, started);
  await store.close();
  return perS;
}

/** Reads each body whole, as the API must, and answers what a command answers. */
function bareServer(): Promise<Server> {
  const answer = JSON.stringify({ id: 'bench', streamId: 'purchase-bench', revision: 0, position: 1, eventIds: [uuidv7()] });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      response.end(answer);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function load(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  // In a worker thread: the load generator must not share the event loop of the server it measures.
  return autocannon({ url, method: 'POST', connections: CONNECTIONS, duration: SECONDS, headers, workers: 1, requests: [{ setupRequest: SETUP_REQUEST }] });
}
