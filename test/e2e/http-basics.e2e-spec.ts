// What every answer of the HTTP server does, whatever route it comes from: it names its request
// (X-Request-Id), carries the security headers, takes a path with a trailing slash like one
// without, answers HEAD like GET, and checks an id in the path itself rather than letting the
// router turn a long one into a 404. What the router or Node's HTTP parser refuses before any route
// runs is a problem+json with the same headers.
import { connect, type AddressInfo } from 'node:net';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, get, post } from '../support/http';

let api: Harness;
let partyId: string;
beforeAll(async () => {
  api = await startApi();
  partyId = fresh('partij');
  expectCreated(await post(api, '/v1/parties', { partyId, name: 'Gemeente', kind: 'municipality', effectiveDate: '2024-01-01', sourceReference: 'test' }));
});
afterAll(() => api.close());

const PATHS = ['/health', '/v1/nothing-here', '/web/', '/docs/openapi.json'];

describe('X-Request-Id', () => {
  it.each(PATHS)('keeps a caller’s id that looks like one on %s', async (path) => {
    const response = await get(api, path, { 'X-Request-Id': 'batch-7.line-12' });
    expect(response.headers['x-request-id']).toBe('batch-7.line-12');
  });

  it.each(PATHS)('gives a new id on %s when the caller sent none, or one that is no id', async (path) => {
    const none = await get(api, path);
    const bad = await get(api, path, { 'X-Request-Id': 'not an id; <script>' });
    for (const response of [none, bad]) expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(none.headers['x-request-id']).not.toBe(bad.headers['x-request-id']);
  });
});

it.each(PATHS)('sends the security headers and no X-Powered-By on %s', async (path) => {
  const response = await get(api, path);
  expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-powered-by']).toBeUndefined();
});

it('takes a path with a trailing slash as the path without', async () => {
  const plain = await get(api, `/v1/parties/${partyId}/funding`);
  const slashed = await get(api, `/v1/parties/${partyId}/funding/`);
  expect(plain.status).toBe(200);
  expect(slashed.status).toBe(200);
  // The read models' status may turn to verified between the two (the verify at start runs on).
  const { readModels: _plain, ...plainAnswer } = plain.body;
  const { readModels: _slashed, ...slashedAnswer } = slashed.body;
  expect(slashedAnswer).toEqual(plainAnswer);
});

it('answers HEAD like GET, without a body', async () => {
  const response = await api.http().head(`/v1/parties/${partyId}/funding`).set('Authorization', `Bearer ${api.token}`);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.text ?? '').toBe('');
});

it('refuses an id in the path that is too long with a 400 naming the rule, not a 404', async () => {
  expectProblem(await get(api, `/v1/parties/${'a'.repeat(300)}/funding`), 400, 'validation');
});

/** The security headers and a request id: what every answer carries, the framework's refusals too. */
function expectApiHeaders(headers: Record<string, string | undefined>): void {
  expect(headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
}

describe('refusals of the router and the HTTP parser', () => {
  it('answers a path parameter longer than the router takes with a 400 problem, not Fastify’s 414', async () => {
    const response = await get(api, `/v1/programmes/${'a'.repeat(10_000)}/cost`);
    expect(expectProblem(response, 400, 'validation').detail).toBe('a path parameter is longer than 2048 characters');
    expectApiHeaders(response.headers);
  });

  it('answers a path that is no valid percent-encoding with a 400 problem', async () => {
    const response = await get(api, '/v1/parties/%E0%A4%A/funding');
    expectProblem(response, 400, 'validation');
    expectApiHeaders(response.headers);
  });

  it('answers raw UTF-8 in the URL, which Node’s parser refuses, with a 400 problem', async () => {
    const response = await rawRequest(Buffer.concat([Buffer.from('GET /v1/search?q=caf'), Buffer.from('é', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: localhost\r\n\r\n')]));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ type: '/problems/validation', status: 400, detail: expect.stringContaining('percent-encoded') });
    expectApiHeaders(response.headers);
  });

  it('answers headers larger than Node reads with a 431 problem (RFC 6585), not a 400', async () => {
    const response = await rawRequest(Buffer.from(`GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`));
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ type: '/problems/headers-too-large', status: 431, detail: expect.stringContaining('larger than the server reads') });
    expectApiHeaders(response.headers);
  });
});

/** Sends bytes as they are (supertest would encode the URL) and reads the answer until the server closes. */
async function rawRequest(bytes: Buffer): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const server = api.app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  const [head, body = ''] = text.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}
