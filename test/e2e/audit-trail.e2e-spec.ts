// The audit trail over HTTP: every event of an entity with the metadata the write path gave it
// (actor from authentication, source reference, correlation and causation ids, effective date,
// schema version), its hash chained to the previous one; and the whole journal, paged once
// through without a gap.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { AccessRegistry } from '@geldstroom/application/access/access-registry';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, get, post, streamEvents } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;
let clerkToken: string;
const CLERK = 'financien-heerlen-1';
const GENESIS = '0'.repeat(64);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface AuditEventBody {
  position: number;
  revision: number;
  eventId: string;
  type: string;
  effectiveDate: string | null;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  hash: string;
  previousHash: string;
  reversedBy: { eventId: string; position: number } | null;
}

async function asClerk(path: string, body: Record<string, unknown>, correlationId: string) {
  return expectCreated(
    await post(api, path, body, { Authorization: `Bearer ${clerkToken}`, 'X-Correlation-Id': correlationId }),
  ) as unknown as { position: number; eventIds: string[] };
}

beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  clerkToken = (await api.app.get(AccessRegistry).create({ principalId: CLERK, role: 'recorder', scope: ['gemeente-heerlen'], label: 'financiële administratie Heerlen' }, 'admin')).token;
}, 60_000);
afterAll(() => api.close());

describe('GET /v1/audit/streams/{streamId}', () => {
  let award: { position: number; eventIds: string[] };
  let payment: { position: number; eventIds: string[] };

  beforeAll(async () => {
    award = await asClerk('/v1/grants', {
      grantId: 'audit-subsidie',
      budgetId: 'heerlen-maatwerk-reintegratie-2024',
      recipientPartyId: 'reha',
      amount: '12000.00',
      sourceReference: 'Subsidiebeschikking 2024-0815',
      effectiveDate: '2024-08-15',
    }, 'dossier-audit-1');
    payment = await asClerk('/v1/grants/audit-subsidie/payments', {
      paymentId: 'voorschot-1',
      amount: '6000.00',
      sourceReference: 'Betaalopdracht 2024-0901',
      effectiveDate: '2024-09-01',
    }, 'dossier-audit-2');
    await asClerk('/v1/grants/audit-subsidie/payments', {
      paymentId: 'voorschot-2',
      amount: '2000.00',
      sourceReference: 'Betaalopdracht 2024-1001',
      effectiveDate: '2024-10-01',
    }, 'dossier-audit-3');
  });

  it('shows every event with its metadata: the actor is the authenticated principal, never the body', async () => {
    const response = await get(api, '/v1/audit/streams/grant-audit-subsidie');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ streamId: 'grant-audit-subsidie', category: 'grant', entityId: 'audit-subsidie', revision: 2 });
    const events: AuditEventBody[] = response.body.events;
    expect(events.map((e) => e.type)).toEqual(['GrantAwarded', 'GrantAdvancePaid', 'GrantAdvancePaid']);
    expect(events.map((e) => e.eventId)).toEqual([...award.eventIds, ...payment.eventIds, expect.any(String)]);
    expect(events[0]).toMatchObject({
      position: award.position,
      revision: 0,
      effectiveDate: '2024-08-15',
      data: { grantId: 'audit-subsidie', amountCents: 1_200_000, recipientPartyId: 'reha' },
      metadata: {
        actor: CLERK,
        sourceReference: 'Subsidiebeschikking 2024-0815',
        correlationId: 'dossier-audit-1',
        causationId: expect.stringMatching(UUID),
        effectiveDate: '2024-08-15',
        schemaVersion: 1,
      },
      reversedBy: null,
    });
    expect(events[1].metadata).toMatchObject({ actor: CLERK, sourceReference: 'Betaalopdracht 2024-0901', correlationId: 'dossier-audit-2', effectiveDate: '2024-09-01', schemaVersion: 1 });
    expect(new Set(events.map((e) => e.metadata.causationId)).size).toBe(3);
    for (const event of events) expect(Date.parse(event.recordedAt)).not.toBeNaN();
    // The actor cannot be claimed in the body.
    const claimed = await post(api, '/v1/grants/audit-subsidie/payments', { paymentId: 'voorschot-x', amount: '1.00', actor: 'iemand-anders', sourceReference: 'x', effectiveDate: '2024-09-02' });
    expectProblem(claimed, 400, 'validation');
  });

  it('chains the hashes: each previous hash is the hash of the event before it in the stream, as stored', async () => {
    const { events, chain } = (await get(api, '/v1/audit/streams/grant-audit-subsidie')).body as { events: AuditEventBody[]; chain: unknown };
    expect(chain).toEqual({ intact: true, firstBrokenRevision: null });
    expect(events[0].previousHash).toBe(GENESIS);
    for (let i = 1; i < events.length; i += 1) {
      expect(events[i].previousHash).toBe(events[i - 1].hash);
      expect(events[i].position).toBeGreaterThan(events[i - 1].position);
    }
    const stored = await streamEvents(api, 'grant-audit-subsidie');
    expect(events.map((e) => [e.hash, e.previousHash])).toEqual(stored.map((e) => [e.hash, e.previousHash]));
  });

  it('shows the stream as it was known at asOf, naming that journal position', async () => {
    const then = (await get(api, `/v1/audit/streams/grant-audit-subsidie?asOf=${payment.position}`)).body;
    expect(then.events.map((e: AuditEventBody) => e.type)).toEqual(['GrantAwarded', 'GrantAdvancePaid']);
    expect(then).toMatchObject({ revision: 1, asOf: String(payment.position), journal: { position: payment.position, treeSize: payment.position } });
    expectProblem(await get(api, `/v1/audit/streams/grant-audit-subsidie?asOf=${award.position - 1}`), 404, 'not-found');
  });

  it('marks a reversed event with its reversal, on the mirror stream too', async () => {
    await post(api, '/v1/procurements', { procurementId: 'audit-inkoop', buyerPartyId: 'gemeente-heerlen', subject: 'Trajecten', procedure: 'single-quote', estimatedValue: '5000.00', effectiveDate: '2024-08-01', sourceReference: 'Offerteaanvraag' });
    const awarded = expectCreated(await post(api, '/v1/procurements/audit-inkoop/contracts', { contractId: 'audit-contract', supplierPartyId: 'reha', ceiling: '5000.00', termStart: '2024-08-01', termEnd: '2024-12-31', effectiveDate: '2024-08-05', sourceReference: 'Gunningsbrief' })) as unknown as { eventIds: string[] };
    const reversal = expectCreated(await post(api, '/v1/reversals', { reversalId: 'gunning-fout', streamId: 'procurement-audit-inkoop', eventId: awarded.eventIds[0], reason: 'Verkeerde leverancier', effectiveDate: '2024-08-06', sourceReference: 'Memo inkoop' })) as unknown as { eventIds: string[]; position: number };
    const origin: AuditEventBody[] = (await get(api, '/v1/audit/streams/procurement-audit-inkoop')).body.events;
    // The reversal on the procurement comes first; the response names the last event written, its mirror.
    expect(origin.find((e) => e.type === 'ContractAwarded')!.reversedBy).toEqual({ eventId: reversal.eventIds[0], position: reversal.position - 1 });
    const mirror: AuditEventBody[] = (await get(api, '/v1/audit/streams/contract-audit-contract')).body.events;
    expect(mirror.map((e) => e.type)).toEqual(['ContractAwarded', 'EntryReversed']);
    expect(mirror[0].metadata.mirrorOf).toEqual({ streamId: 'procurement-audit-inkoop', eventId: awarded.eventIds[0] });
    expect(mirror[0].reversedBy).toEqual({ eventId: mirror[1].eventId, position: mirror[1].position });
  });

  it('takes only a ledger stream, and answers 404 for one the ledger does not know', async () => {
    expectProblem(await get(api, '/v1/audit/streams/access-principals'), 400, 'validation');
    expectProblem(await get(api, '/v1/audit/streams/grant'), 400, 'validation');
    expectProblem(await get(api, '/v1/audit/streams/grant-Audit'), 400, 'validation');
    expectProblem(await get(api, '/v1/audit/streams/grant-bestaat-niet'), 404, 'not-found');
    expectProblem(await get(api, '/v1/audit/streams/grant-audit-subsidie?on=2024-09-01'), 400, 'validation');
  });

  it('is read by controllers and accountants', async () => {
    const accountant = await api.tokenFor('accountant');
    const response = await get(api, '/v1/audit/streams/party-reha', { Authorization: `Bearer ${accountant}` });
    expect(response.status).toBe(200);
    expect(response.body.events[0]).toMatchObject({ type: 'PartyRegistered', metadata: { sourceReference: 'Partijenregister' } });
    expectProblem(await api.http().get('/v1/audit/streams/party-reha'), 401, 'unauthorized');
  });
});

describe('GET /v1/journal', () => {
  interface Page {
    after: number;
    limit: number;
    events: { position: number; streamId: string; type: string; hash: string; previousHash: string; metadata: Record<string, unknown> }[];
    next: number | null;
    journal: { position: number; treeSize: number; rootHash: string };
    headPosition: number;
  }

  it('pages through the whole journal once, oldest first, without gaps, each page naming its tree head', async () => {
    const digest = (await get(api, '/v1/journal/digest')).body;
    const positions: number[] = [];
    const streams = new Set<string>();
    let after: number | null = 0;
    let last: Page | undefined;
    let pages = 0;
    while (after !== null) {
      const response = await get(api, `/v1/journal?after=${after}&limit=7`);
      expect(response.status).toBe(200);
      const page: Page = response.body;
      expect(page.events.length).toBeLessThanOrEqual(7);
      expect(page.after).toBe(after);
      const end = page.events[page.events.length - 1].position;
      // The tree head after the page's last event: the store's positions are dense, so it holds `end` events.
      expect(page.journal).toMatchObject({ position: end, treeSize: end, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      for (const event of page.events) {
        positions.push(event.position);
        streams.add(event.streamId.slice(0, event.streamId.indexOf('-')));
      }
      after = page.next;
      if (after !== null) expect(after).toBe(end);
      last = page;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(digest.treeSize / 7));
    expect(positions).toEqual(Array.from({ length: digest.treeSize }, (_, i) => i + 1));
    expect(last!.journal).toEqual({ position: digest.headPosition, treeSize: digest.treeSize, rootHash: digest.rootHash, recordedAt: expect.any(String) });
    expect(streams).toEqual(new Set(['access', 'party', 'budget', 'programme', 'grant', 'purchase', 'procurement', 'contract']));
  });

  it('gives each event as stored, hashes included', async () => {
    const page: Page = (await get(api, '/v1/journal?after=0&limit=500')).body;
    const stored = await streamEvents(api, 'grant-audit-subsidie');
    for (const event of stored) {
      expect(page.events.find((e) => e.position === event.position)).toMatchObject({ streamId: 'grant-audit-subsidie', type: event.type, hash: event.hash, previousHash: event.previousHash, metadata: event.metadata });
    }
    expect(page.events[0]).toMatchObject({ streamId: 'access-principals', type: 'PrincipalCreated' });
  });

  it('withholds the token hashes of access events from readers', async () => {
    const page: Page = (await get(api, '/v1/journal?after=0&limit=500')).body;
    const access = page.events.filter((e) => e.streamId === 'access-principals');
    expect(access.length).toBeGreaterThan(0);
    for (const event of access) {
      const data = (event as unknown as { data: Record<string, unknown> }).data;
      expect(JSON.stringify(data)).not.toMatch(/[0-9a-f]{16}/);
      if (event.type !== 'PrincipalRevoked') expect(data.tokenHash).toBe('(withheld)');
    }
  });

  it('answers an empty last page after the head, and refuses a page size out of bounds', async () => {
    const digest = (await get(api, '/v1/journal/digest')).body;
    const empty: Page = (await get(api, `/v1/journal?after=${digest.headPosition}`)).body;
    expect(empty).toMatchObject({ events: [], next: null, limit: 100, journal: { position: digest.headPosition, rootHash: digest.rootHash } });
    expectProblem(await get(api, '/v1/journal?limit=0'), 400, 'validation');
    expectProblem(await get(api, '/v1/journal?limit=501'), 400, 'validation');
    expectProblem(await get(api, '/v1/journal?after=-1'), 400, 'validation');
    expectProblem(await get(api, '/v1/journal?after=abc'), 400, 'validation');
  });

  it('leaves the digest and verify routes as they were', async () => {
    expect((await get(api, '/v1/journal/digest')).status).toBe(200);
    const verify = await post(api, '/v1/journal/verify', {});
    expect(verify.status).toBe(200);
  });
});

// Last: it edits the store behind the API's back.
describe('an event edited in the store', () => {
  it('breaks the chain at the edited revision, and the trail shows what is stored', async () => {
    const db = new Database(join(api.dataDir, 'events.sqlite'));
    const row = db
      .prepare("SELECT position, body FROM events WHERE stream_id = 'grant-audit-subsidie' AND revision = 2")
      .get() as { position: number; body: Buffer };
    const edited = row.body.toString('utf8').replace('"amountCents":200000', '"amountCents":20000');
    expect(edited).not.toBe(row.body.toString('utf8'));
    db.prepare('UPDATE events SET body = ? WHERE position = ?').run(Buffer.from(edited, 'utf8'), row.position);
    db.close();
    const trail = (await get(api, '/v1/audit/streams/grant-audit-subsidie')).body;
    expect(trail.chain).toEqual({ intact: false, firstBrokenRevision: 2 });
    expect(trail.events[2].data.amountCents).toBe(20000);
  });
});
