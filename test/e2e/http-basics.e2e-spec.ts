// What every answer of the HTTP server does, whatever route it comes from: it names its request
// (X-Request-Id), carries the security headers, takes a path with a trailing slash like one
// without, answers HEAD like GET, and checks an id in the path itself rather than letting the
// router turn a long one into a 404.
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
