// The port's preconditions, as both adapters apply them before anything is written.
import { randomUUID } from 'node:crypto';
import { validateAppend } from './append-validation';
import { InvalidAppendError } from './errors';
import type { EventToAppend, JsonObject } from './event-store.port';

function event(id: string): EventToAppend {
  return { id, type: 'ThingHappened', data: { n: 1 }, metadata: { actor: 'spec' } };
}

describe('append validation', () => {
  it('gives the events back with their ids in lower case, and leaves the rest as it was', () => {
    const upper = randomUUID().toUpperCase();
    const lower = randomUUID();
    const stored = validateAppend('grant-1', [event(upper), event(lower)], 'no_stream');
    expect(stored.map((e) => e.id)).toEqual([upper.toLowerCase(), lower]);
    expect(stored[0]).toEqual({ ...event(upper), id: upper.toLowerCase() });
  });

  it('counts the same UUID in two spellings as one id appearing twice', () => {
    const id = randomUUID();
    const twice = () => validateAppend('grant-1', [event(id), event(id.toUpperCase())], 'no_stream');
    expect(twice).toThrow(InvalidAppendError);
    expect(twice).toThrow(/appears twice/);
  });

  it('refuses an id that is not a UUID', () => {
    expect(() => validateAppend('grant-1', [event('not-a-uuid')], 'any')).toThrow(InvalidAppendError);
  });

  it('refuses half a surrogate pair anywhere in data, metadata or the stream id, and names where; a whole pair is a character', () => {
    const withData = (data: JsonObject, metadata: JsonObject = { actor: 'spec' }): EventToAppend => ({ ...event(randomUUID()), data, metadata });
    expect(() => validateAppend('grant-1', [withData({ lines: [{ description: 'a\ud800b' }] })], 'any')).toThrow(/data\.lines\.0\.description holds half a surrogate pair/);
    expect(() => validateAppend('grant-1', [withData({ n: 1 }, { actor: '\udc00' })], 'any')).toThrow(/metadata\.actor/);
    expect(() => validateAppend('grant-1', [withData({ ['k\ud800']: 1 })], 'any')).toThrow(/a key in data/);
    expect(() => validateAppend('grant-\ud800', [event(randomUUID())], 'any')).toThrow(/stream id/);
    expect(validateAppend('grant-1', [withData({ name: 'Stichting \ud83d\ude00' })], 'any')[0].data).toEqual({ name: 'Stichting 😀' });
  });

  it('refuses what JSON does not hold anywhere in data or metadata, and names where', () => {
    const withData = (data: unknown, metadata: unknown = { actor: 'spec' }): EventToAppend => ({ ...event(randomUUID()), data: data as JsonObject, metadata: metadata as JsonObject });
    expect(() => validateAppend('grant-1', [withData({ lines: [{ amount: () => 1 }] })], 'any')).toThrow(/data\.lines\.0\.amount is a function/);
    expect(() => validateAppend('grant-1', [withData({ n: 1 }, { actor: Symbol('x') })], 'any')).toThrow(/metadata\.actor is a symbol/);
    expect(() => validateAppend('grant-1', [withData({ cents: 10n })], 'any')).toThrow(InvalidAppendError);
    expect(() => validateAppend('grant-1', [withData({ ratio: Number.NaN })], 'any')).toThrow(/data\.ratio is NaN/);
    expect(() => validateAppend('grant-1', [withData({ ratio: Number.POSITIVE_INFINITY })], 'any')).toThrow(/Infinity/);
    expect(validateAppend('grant-1', [withData({ n: 1.5, ok: true, none: null, list: [1, 'a', { b: false }] })], 'any')).toHaveLength(1);
  });
});
