// Client-chosen entity ids and the stream names built from them (`grant-heerlen-pilot-2024`).

/** Lower-case letters, digits and dashes, 2 to 64 characters, not starting with a dash. */
export const ENTITY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;

export const STREAM_CATEGORIES = [
  'party',
  'budget',
  'programme',
  'grant',
  'procurement',
  'contract',
  'purchase',
  'expense',
  // A finding's reviews: named from a digest of the finding's id (see finding/finding-stream.ts).
  'finding',
  'document',
] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

export function isEntityId(value: unknown): value is string {
  return typeof value === 'string' && ENTITY_ID_PATTERN.test(value);
}

export function streamId(category: StreamCategory, id: string): string {
  return `${category}-${id}`;
}

/** The category and entity id of a ledger stream name, or undefined for anything else. */
export function parseStreamId(value: string): { category: StreamCategory; id: string } | undefined {
  const separator = value.indexOf('-');
  if (separator < 0) return undefined;
  const category = value.slice(0, separator);
  const id = value.slice(separator + 1);
  if (!(STREAM_CATEGORIES as readonly string[]).includes(category) || !isEntityId(id)) return undefined;
  return { category: category as StreamCategory, id };
}
