// Bodies that JSON.parse would take, or that cannot be decoded at all: each is a 4xx problem,
// never a 500, and writes nothing.
import { deflateSync, gzipSync } from 'node:zlib';
import { startApi, type Harness } from '../support/api-harness';
import { ON } from '../support/books';
import { expectProblem, fresh, post, refusedWithoutWriting, streamEvents } from '../support/http';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const party = (partyId = fresh('partij')) => ({ ...ON, partyId, name: 'Gemeente Proef', kind: 'municipality' });

/** POSTs raw bytes with the headers given, as the recorder (superagent would send a Buffer as JSON of its bytes). */
function send(body: string | Buffer, headers: Record<string, string> = {}) {
  let call = api
    .http()
    .post('/v1/parties')
    .set('Authorization', `Bearer ${api.token}`)
    .set('Content-Type', 'application/json')
    .serialize((raw: unknown) => raw as string);
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  return call.send(body);
}

describe('depth', () => {
  it('refuses a deeply nested body under the size limit with a 400, not a stack overflow', async () => {
    const deep = '['.repeat(15_000) + ']'.repeat(15_000);
    expect(deep.length).toBeLessThan(65_536);
    for (const body of [deep, JSON.stringify(party()).replace('}', `,"nested":${deep}}`)]) {
      const response = await refusedWithoutWriting(api, () => send(body));
      expect(expectProblem(response, 400, 'validation').detail).toMatch(/nested deeper than 32 levels/);
    }
  });

  it('still takes a body nested as deep as the limit allows (and refuses it for its fields only)', async () => {
    const nested = JSON.parse('['.repeat(31) + ']'.repeat(31));
    expectProblem(await post(api, '/v1/parties', { ...party(), extra: nested }), 400, 'validation');
  });
});

describe('shape', () => {
  it('names the fields an empty object leaves out, as a validation problem and not a bad date', async () => {
    const problem = expectProblem(await refusedWithoutWriting(api, () => send('{}')), 400, 'validation');
    expect(problem.detail).toBe('missing: partyId, name, kind, sourceReference, effectiveDate');
    expect(problem.errors).toContainEqual({ field: 'partyId', messages: expect.arrayContaining(['partyId is required']) });
  });

  it('refuses an array for a body, empty or not, as no object', async () => {
    for (const body of ['[]', JSON.stringify([party()])]) {
      const problem = expectProblem(await refusedWithoutWriting(api, () => send(body)), 400, 'validation');
      expect(problem.detail).toBe('the body must be a JSON object, not an array');
    }
  });
});

describe('encodings', () => {
  it('answers a plain body sent as gzip, deflate or br with a 400 it cannot be decoded', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const response = await refusedWithoutWriting(api, () => send(JSON.stringify(party()), { 'Content-Encoding': encoding }));
      expectProblem(response, 400, 'undecodable-body');
    }
  });

  it('answers a cut-off gzip body with a 400', async () => {
    const cut = gzipSync(JSON.stringify(party())).subarray(0, 12);
    expectProblem(await refusedWithoutWriting(api, () => send(cut, { 'Content-Encoding': 'gzip' })), 400, 'undecodable-body');
  });

  it('answers an encoding it does not know, and a charset other than UTF-8, with a 415', async () => {
    expectProblem(await refusedWithoutWriting(api, () => send(JSON.stringify(party()), { 'Content-Encoding': 'x-unknown' })), 415, 'unsupported-media-type');
    for (const charset of ['latin1', 'utf-16', 'shift_jis']) {
      const response = await refusedWithoutWriting(api, () => send(JSON.stringify(party()), { 'Content-Type': `application/json; charset=${charset}` }));
      expectProblem(response, 415, 'unsupported-media-type');
    }
  });

  it('takes a body that is really compressed', async () => {
    const partyId = fresh('gezipt');
    expect((await send(gzipSync(JSON.stringify(party(partyId))), { 'Content-Encoding': 'gzip' })).status).toBe(201);
    expect((await send(deflateSync(JSON.stringify(party(`${partyId}-d`))), { 'Content-Encoding': 'deflate' })).status).toBe(201);
    expect(await streamEvents(api, `party-${partyId}`)).toHaveLength(1);
  });
});

describe('keys', () => {
  it('refuses a key given twice, at any depth, instead of taking the last', async () => {
    const partyId = fresh('dubbel');
    const twice = `{"partyId":"${partyId}","partyId":"${partyId}-x","name":"G","kind":"municipality","effectiveDate":"2024-03-01","sourceReference":"b"}`;
    const response = await refusedWithoutWriting(api, () => send(twice));
    expect(expectProblem(response, 400, 'validation')).toMatchObject({ field: 'partyId' });
    expect(await streamEvents(api, `party-${partyId}-x`)).toEqual([]);
    const nested = '{"a":{"b":1,"b":2}}';
    expect(expectProblem(await send(nested), 400, 'validation')).toMatchObject({ field: 'a.b' });
  });

  it('refuses half a surrogate pair in a text or a key: no character, and not what a store would give back', async () => {
    const partyId = fresh('half');
    // Escaped as JSON allows; as UTF-8 it cannot be stored, it would come back as U+FFFD.
    const lone = `{"partyId":"${partyId}","name":"G","kind":"municipality","effectiveDate":"2024-03-01","sourceReference":"besluit \\ud800 2024"}`;
    const response = await refusedWithoutWriting(api, () => send(lone));
    expect(expectProblem(response, 400, 'validation')).toMatchObject({ field: 'sourceReference' });
    expect(await streamEvents(api, `party-${partyId}`)).toEqual([]);
    expect(expectProblem(await send('{"a\\udc00":1}'), 400, 'validation').detail).toContain('half a surrogate pair');
    // A whole pair is a character like any other.
    const pair = `{"partyId":"${partyId}","name":"G \\ud83d\\ude00","kind":"municipality","effectiveDate":"2024-03-01","sourceReference":"b"}`;
    expect((await send(pair)).status).toBe(201);
  });

  it('refuses __proto__, constructor and prototype keys like any other unknown field', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const body = JSON.stringify(party()).replace('{', `{"${key}":{"role":"admin"},`);
      const response = await refusedWithoutWriting(api, () => send(body));
      expect(expectProblem(response, 400, 'validation')).toMatchObject({ field: key });
      const nested = JSON.stringify(party()).replace('{', `{"extra":{"${key}":1},`);
      expect(expectProblem(await send(nested), 400, 'validation')).toMatchObject({ field: `extra.${key}` });
    }
  });
});

describe('a token in the query string', () => {
  it('is not echoed in the problem’s instance or detail', async () => {
    const token = api.token;
    for (const path of [`/v1/nothing-here?access_token=${token}`, `/v1/parties?token=${token}&x=1`]) {
      const response = await api.http().get(path).set('Authorization', `Bearer ${token}`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.text).not.toContain(token);
      expect(response.body.instance).toMatch(/=\[redacted\]/);
    }
    const unauthenticated = await api.http().get(`/v1/journal?access_token=${token}`);
    expectProblem(unauthenticated, 401, 'unauthorized');
    expect(unauthenticated.text).not.toContain(token);
  });
});
