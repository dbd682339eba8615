// Small helpers in the API's words for the end-to-end tests.
import type { Response } from 'supertest';
import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@geldstroom/event-store';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import type { Harness } from './api-harness';

/** POSTs JSON as the harness's recorder; pass an Authorization header to act as someone else. */
export async function post(api: Harness, path: string, body: unknown, headers: Record<string, string> = {}) {
  let call = api.http().post(path).set('Content-Type', 'application/json').set('Authorization', `Bearer ${api.token}`);
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  return call.send(typeof body === 'string' ? body : JSON.stringify(body));
}

/** GETs as the harness's recorder (or with the headers given). */
export async function get(api: Harness, path: string, headers: Record<string, string> = {}) {
  let call = api.http().get(path).set('Authorization', `Bearer ${api.token}`);
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  return call;
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

export function expectCreated(response: Response): { id: string; streamId: string; revision: number; position: number; eventIds: string[] } {
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

/** The events one stream holds, read through the store port: what a command actually wrote. */
export function streamEvents(api: Harness, streamId: string): Promise<RecordedEvent[]> {
  return eventsOf(api.app.get<symbol, EventStore>(EVENT_STORE), streamId);
}

/** The events one stream holds in a store; none when it does not exist. */
export async function eventsOf(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readStream(streamId)) events.push(event);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}

/**
 * An answer given again as of the position an earlier one was computed at: the same in every
 * figure, event and tree head. Only the read models it was read from have moved on since (their
 * position and digest name the state the answer was computed from, not the ledger it describes).
 */
export function expectReproduced(reproduced: Record<string, unknown>, before: Record<string, unknown>): void {
  const journal = before.journal as { position: number };
  const [now, then] = [reproduced.readModels as { position: number }, before.readModels as { position: number }];
  expect(now.position).toBeGreaterThanOrEqual(then.position);
  expect({ ...reproduced, readModels: undefined }).toEqual({ ...before, asOf: before.asOf ?? String(journal.position), readModels: undefined });
}
