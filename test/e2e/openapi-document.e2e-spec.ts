// The OpenAPI document at /docs/openapi.json, as a client's author (or a client generator) reads
// it: every operation documents its success schema with an example, its problem+json errors and
// its headers; the bearer scheme says what the keys are; and the schemas describe what the API
// really answers (every answer of a recorded ledger is checked against its schema).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import answerSchemas from '../../apps/api/src/openapi/answer-schemas.json';
import { startApi, type Harness } from '../support/api-harness';
import { generateAnswerSchemas } from '../support/openapi-schemas';
import { loadScenario, recordScenario } from '../support/scenario';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const PILOT = 'pilot-werkvoorheerlen-2024';

let api: Harness;
let document: Json;
let operations: { key: string; path: string; method: string; operation: Json }[];
let ajv: Ajv;

beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  document = (await api.http().get('/docs/openapi.json').expect(200)).body;
  operations = Object.entries(document.paths as Json).flatMap(([path, ops]) =>
    METHODS.filter((m) => ops[m]).map((method) => ({ key: `${method.toUpperCase()} ${path}`, path, method, operation: ops[method] as Json })),
  );
  ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
}, 60_000);
afterAll(() => api.close());

/** Checks a value against one of the document's schemas; the errors when it does not fit. */
function fits(schemaRef: string, value: unknown): unknown[] {
  const validate = ajv.compile({ $ref: schemaRef, components: document.components });
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const successOf = (operation: Json): [string, Json] => Object.entries(operation.responses as Json).find(([status]) => /^2/.test(status)) as [string, Json];
const isCommand = (operation: Json) => successOf(operation)[1].content?.['application/json']?.schema?.$ref === '#/components/schemas/CommandAnswer';

describe('/docs/openapi.json', () => {
  it('is OpenAPI 3.1 with a bearer scheme of gs_ API keys, not JWT, and the README names it', () => {
    expect(document.openapi).toBe('3.1.0');
    const bearer = document.components.securitySchemes.bearer;
    expect(bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'gs_<id>_<secret>' });
    expect(bearer.description).toContain('not a JWT');
    expect(JSON.stringify(document)).not.toContain('JWT"');
    expect(readFileSync(join(__dirname, '../../README.md'), 'utf8')).toContain('/docs/openapi.json');
  });

  it('documents every operation’s success with a schema and an example that fits it', () => {
    expect(operations.length).toBeGreaterThanOrEqual(47);
    const problems: string[] = [];
    for (const { key, operation } of operations) {
      const [, success] = successOf(operation) ?? [];
      const json = success?.content?.['application/json'];
      const file = success?.content?.['text/csv'];
      if (file) continue;
      if (!json?.schema?.$ref) problems.push(`${key}: no success schema`);
      else if (json.example === undefined) problems.push(`${key}: no example`);
      else for (const error of fits(json.schema.$ref, json.example)) problems.push(`${key}: example ${String(error)}`);
    }
    expect(problems).toEqual([]);
  });

  it('documents each export as the files it gives', () => {
    const [, success] = successOf(document.paths['/v1/exports/{what}'].get);
    expect(Object.keys(success.content)).toEqual(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(success.content['text/csv'].example).toContain('Boomhoofd (RFC 6962);');
  });

  it('documents the problem+json errors of every operation, an example per kind', () => {
    const problems: string[] = [];
    for (const { key, path, operation } of operations) {
      const errors = Object.entries(operation.responses as Json).filter(([status]) => /^[45]/.test(status) && status !== '503');
      const expected = [
        ...(path === '/health' ? [] : ['400', '401']),
        ...(/\{\w+\}/.test(path) ? ['404'] : []),
        ...(isCommand(operation) ? ['403', '409', '413', '415', '422'] : []),
      ];
      for (const status of expected) if (!errors.some(([s]) => s === status)) problems.push(`${key}: no ${status}`);
      for (const [status, response] of errors) {
        const content = response.content?.['application/problem+json'];
        if (content?.schema?.$ref !== '#/components/schemas/Problem') problems.push(`${key} ${status}: not problem+json`);
        for (const [kind, example] of Object.entries((content?.examples ?? {}) as Json)) {
          if (example.value.type !== `/problems/${kind}` || String(example.value.status) !== status) problems.push(`${key} ${status}: example ${kind} does not match`);
          for (const error of fits('#/components/schemas/Problem', example.value)) problems.push(`${key} ${status} ${kind}: ${String(error)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the headers: If-Match and X-Correlation-Id in, ETag and Idempotent-Replayed out of a command, Geldstroom-Read-Models on answers', () => {
    const problems: string[] = [];
    for (const { key, path, operation } of operations) {
      const headersIn = ((operation.parameters ?? []) as Json[]).filter((p) => p.in === 'header').map((p) => p.name);
      const [, success] = successOf(operation);
      const headersOut = Object.keys(success.headers ?? {});
      if (!headersOut.includes('X-Request-Id')) problems.push(`${key}: no X-Request-Id`);
      if (isCommand(operation)) {
        if (!headersIn.includes('X-Correlation-Id')) problems.push(`${key}: no X-Correlation-Id`);
        if (/\{id\}/.test(path) && !headersIn.includes('If-Match')) problems.push(`${key}: no If-Match`);
        for (const name of ['ETag', 'Idempotent-Replayed']) if (!headersOut.includes(name)) problems.push(`${key}: no ${name}`);
      }
      const readsReadModels = JSON.stringify(answerSchemas.definitions[(success.content?.['application/json']?.schema?.$ref ?? '').split('/').pop() as keyof typeof answerSchemas.definitions] ?? {}).includes('ReadModelsOnTheWire');
      if ((readsReadModels || path === '/v1/exports/{what}') && !headersOut.includes('Geldstroom-Read-Models')) problems.push(`${key}: no Geldstroom-Read-Models`);
      // A question waits for the read models so long, then says when to ask again.
      if ((readsReadModels || path === '/v1/exports/{what}') && key.startsWith('GET ')) {
        const behind = (operation.responses as Json)['503'];
        if (!behind?.content?.['application/problem+json']?.examples?.['read-models-behind']) problems.push(`${key}: no 503 read-models-behind`);
        if (!behind?.headers?.['Retry-After']) problems.push(`${key}: no Retry-After with the 503`);
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(document.paths['/v1/journal/verify'].post.responses['429'].headers)).toContain('Retry-After');
    // Writes that look something up in the read models (a finding, a supported event) wait for them too.
    for (const path of ['/v1/findings/{findingId}/reviews', '/v1/documents', '/v1/batches']) {
      expect(Object.keys(document.paths[path].post.responses['503'].content['application/problem+json'].examples)).toContain('read-models-behind');
    }
  });

  it('keeps its answer schemas as the answer types now give them (npm run openapi:generate)', () => {
    expect(generateAnswerSchemas()).toEqual(answerSchemas);
  }, 60_000);
});

describe('what the API really answers', () => {
  /** A real request for each answer a reader can ask for. */
  const REQUESTS: [string, string][] = [
    ['GET /v1/programmes/{id}/cost', `/v1/programmes/${PILOT}/cost?explain=true`],
    ['GET /v1/programmes/{id}/answer', `/v1/programmes/${PILOT}/answer?lang=en`],
    ['GET /v1/budgets/{id}/execution', '/v1/budgets/heerlen-maatwerk-reintegratie-2024/execution?explain=true&on=2024-06-30'],
    ['GET /v1/parties/{id}/funding', '/v1/parties/wsp-parkstad/funding?explain=true'],
    ['GET /v1/parties/{id}/spending', '/v1/parties/gemeente-heerlen/spending?explain=true'],
    ['GET /v1/providers/{id}/spend', '/v1/providers/reha/spend?explain=true'],
    ['GET /v1/funding-flows', '/v1/funding-flows?explain=true'],
    ['GET /v1/findings', '/v1/findings?asOf=30'],
    ['GET /v1/programmes', '/v1/programmes'],
    ['GET /v1/budgets', '/v1/budgets'],
    ['GET /v1/parties', '/v1/parties'],
    ['GET /v1/search', '/v1/search?q=re'],
    ['GET /v1/audit/streams/{streamId}', `/v1/audit/streams/programme-${PILOT}`],
    ['GET /v1/journal', '/v1/journal?limit=500'],
    ['GET /v1/taakvelden', '/v1/taakvelden?year=2020'],
    ['GET /v1/journal/digest', '/v1/journal/digest'],
    ['GET /v1/principals', '/v1/principals'],
    ['GET /health', '/health'],
  ];

  it.each(REQUESTS)('%s answers %s as its schema says', async (key, path) => {
    const [method, template] = key.split(' ');
    const operation = document.paths[template][method.toLowerCase()];
    const response = await api.http().get(path).set('Authorization', `Bearer ${api.adminToken}`);
    expect([200, 503]).toContain(response.status);
    expect(fits(successOf(operation)[1].content['application/json'].schema.$ref, response.body)).toEqual([]);
    if (successOf(operation)[1].headers['Geldstroom-Read-Models']) expect(response.headers['geldstroom-read-models']).toMatch(/^(verified|not-verified-yet|do-not-match-journal)$/);
  });

  it('answers a refusal as the Problem schema says', async () => {
    const response = await api.http().get('/v1/journal?from=2024-02-30').set('Authorization', `Bearer ${api.token}`);
    expect(response.status).toBe(400);
    expect(fits('#/components/schemas/Problem', response.body)).toEqual([]);
  });
});
