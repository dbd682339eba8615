// Small helpers in the API's words for the end-to-end tests.
import type { Response } from 'supertest';
import type { Harness } from './api-harness';

export async function post(api: Harness, path: string, body: unknown, headers: Record<string, string> = {}) {
  let call = api.http().post(path).set('Content-Type', 'application/json');
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  return call.send(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Asserts an RFC 9457 problem of the given kind, and returns its body. */
export function expectProblem(response: Response, status: number, kind: string): Record<string, unknown> {
  if (response.status !== status || response.body?.type !== `/problems/${kind}`) {
    throw new Error(
      `expected ${status} /problems/${kind}, got ${response.status} ${response.text.slice(0, 500)}`,
    );
  }
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, type: `/problems/${kind}` });
  expect(typeof response.body.title).toBe('string');
  return response.body as Record<string, unknown>;
}

export function expectCreated(response: Response): { id: string; streamId: string; revision: number; position: number } {
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status} ${response.text.slice(0, 500)}`);
  return response.body;
}

/** Runs a request that must be refused, and asserts the journal did not move. */
export async function refusedWithoutWriting(api: Harness, send: () => Promise<Response>): Promise<Response> {
  const before = await api.journalHead();
  const response = await send();
  expect(await api.journalHead()).toEqual(before);
  return response;
}

let counter = 0;
/** A fresh id for each test, so tests do not depend on each other's entities. */
export function fresh(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
