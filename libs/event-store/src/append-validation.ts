// The port's preconditions on an append, checked the same way by every adapter.
import { InvalidAppendError } from './errors';
import type { AppendOptions, EventToAppend, ExpectedRevision } from './event-store.port';

export const EVENTS_PER_APPEND_MAX = 1000;
export const STREAM_ID_LENGTH_MAX = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9.-]{0,127}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Checks an append against the port's preconditions and gives back its events as every store
 * keeps them: each id in lower case. A UUID names the same 128 bits in either case, EventStoreDB
 * gives ids back lower-cased, and the id is hashed: one spelling, so both stores hash alike.
 */
export function validateAppend(
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  options: AppendOptions = {},
): readonly EventToAppend[] {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > STREAM_ID_LENGTH_MAX) {
    throw new InvalidAppendError(`stream id must be 1 to ${STREAM_ID_LENGTH_MAX} characters`);
  }
  if (streamId.startsWith('$')) throw new InvalidAppendError('stream ids starting with $ are reserved');
  if (!streamId.isWellFormed()) throw new InvalidAppendError('the stream id holds half a surrogate pair, which is no character');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(`expected revision must be a non-negative integer, got ${expected}`);
  }
  if (events.length === 0 || events.length > EVENTS_PER_APPEND_MAX) {
    throw new InvalidAppendError(`an append holds 1 to ${EVENTS_PER_APPEND_MAX} events, got ${events.length}`);
  }
  if (options.recordedAt !== undefined && !isIsoInstant(options.recordedAt)) {
    throw new InvalidAppendError(`recordedAt must be an instant as 2024-07-08T09:30:00.000Z, got ${String(options.recordedAt)}`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new InvalidAppendError(`event id must be a UUID, got ${event.id}`);
    const id = event.id.toLowerCase();
    if (ids.has(id)) throw new InvalidAppendError(`event id ${id} appears twice in one append`);
    ids.add(id);
    if (!EVENT_TYPE.test(event.type)) throw new InvalidAppendError(`invalid event type ${event.type}`);
    if (!isPlainObject(event.data) || !isPlainObject(event.metadata)) {
      throw new InvalidAppendError('event data and metadata must be JSON objects');
    }
    // Every reader, whatever its way in (an API body, a scenario file, an import), must get back
    // the text that was hashed: a string that is no Unicode would come back as U+FFFD from a store
    // that keeps UTF-8, and from the read models written with it. And only what JSON holds is
    // stored: a function or a symbol has no canonical text (nor does it cross to the commit thread).
    const broken = unstorableAt(event.data, 'data') ?? unstorableAt(event.metadata, 'metadata');
    if (broken) throw new InvalidAppendError(broken);
  }
  return events.map((event) => (event.id === event.id.toLowerCase() ? event : { ...event, id: event.id.toLowerCase() }));
}

/** Exactly Date.toISOString's form: readers compare recordedAt as text, so one spelling per instant. */
function isIsoInstant(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return false;
  const parsed = new Date(value);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === value;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NO_CHARACTER = 'holds half a surrogate pair (such as \\ud800 alone), which is no character';

/** What is wrong with the first key or value under `value` that cannot be stored as it is, with its path; undefined if none. */
function unstorableAt(value: unknown, path: string): string | undefined {
  const found = unstorableIn(value);
  if (!found) return undefined;
  const where = [path, ...found.keys].join('.');
  return found.inKey ? `a key in ${where} ${found.problem}` : `${where} ${found.problem}`;
}

/**
 * The first key or value under `value` that cannot be stored, and the keys that lead to it (the
 * innermost last). Nothing is allocated on the way down: a body is checked on every append, and
 * its path is only spelled out when something is wrong.
 */
function unstorableIn(value: unknown): { readonly keys: string[]; readonly problem: string; readonly inKey: boolean } | undefined {
  switch (typeof value) {
    case 'string':
      return value.isWellFormed() ? undefined : { keys: [], problem: NO_CHARACTER, inKey: false };
    case 'number':
      return Number.isFinite(value) ? undefined : { keys: [], problem: `is ${value}, which JSON does not hold`, inKey: false };
    case 'boolean':
    case 'undefined':
      return undefined;
    case 'object':
      if (value === null) return undefined;
      break;
    default:
      return { keys: [], problem: `is a ${typeof value}, which JSON does not hold`, inKey: false };
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!key.isWellFormed()) return { keys: [], problem: NO_CHARACTER, inKey: true };
    const found = unstorableIn(object[key]);
    if (found) {
      found.keys.unshift(key);
      return found;
    }
  }
  return undefined;
}
