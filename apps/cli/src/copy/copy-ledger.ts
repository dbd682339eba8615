// Copies a ledger from one store to another through the port alone, so the same code moves a
// ledger from SQLite to SQLite or to EventStoreDB: every stream's events appended in global order
// at their exact revisions, with their ids, data, metadata and the instant they were recorded. The
// target computes its hashes itself; they come out equal because they cover the same bytes, and
// the copy is accepted only when the target's verified tree head equals the source's.
import {
  EVENTS_PER_APPEND_MAX,
  NO_STREAM,
  verifyJournal,
  type EventStore,
  type RecordedEvent,
  type VerifyReport,
} from '@geldstroom/event-store';

export interface CopyReport {
  readonly copied: number;
  /** Events the target held already from an earlier, interrupted copy (checked identical). */
  readonly alreadyThere: number;
  readonly digestsKept: number;
  readonly source: VerifyReport;
  readonly target: VerifyReport;
  /** The target verifies and has the very tree head the source had when the copy began. */
  readonly identical: boolean;
}

export class CopyRefusedError extends Error {}

/**
 * EventStoreDB refuses one write whose events are larger than its MaxAppendSize, 1 MiB unless
 * configured otherwise (EventStore/EventStore, src/EventStore.Core/Configuration/
 * ClusterVNodeOptions.cs), counting each event's data, metadata and twice its type's length
 * (Streams.BatchAppend.cs, ClientWriteRequest.AddEvents → Event.SizeOnDisk). Half of it leaves
 * room for the integrity block the adapter adds to the metadata and for a smaller setting.
 */
export const COPY_APPEND_BYTES_MAX = 512 * 1024;
/** The adapter's integrity block in the metadata (recordedAt and two hex hashes) is below this. */
const EVENT_OVERHEAD_BYTES = 512;

export async function copyLedger(
  source: EventStore,
  target: EventStore,
  onProgress: (eventsDone: number, eventsTotal: number) => void = () => undefined,
): Promise<CopyReport> {
  const sourceReport = await verifyJournal(source);
  if (!sourceReport.ok) {
    const failure = sourceReport.failure!;
    throw new CopyRefusedError(
      `the source journal is not intact (${failure.kind} at position ${failure.position ?? 'unknown'}): a copy would hide the damage`,
    );
  }
  const total = sourceReport.eventsChecked;
  const alreadyThere = await identicalPrefix(source, target);
  let done = alreadyThere;
  let batch: RecordedEvent[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await appendCopy(target, batch);
    done += batch.length;
    batch = [];
    batchBytes = 0;
    onProgress(done, total);
  };
  let index = 0;
  // The ledger as it stood when the copy began: what the source's verify covered, no more.
  for await (const event of source.readAll()) {
    index += 1;
    if (index > total) break;
    if (index <= alreadyThere) continue;
    assertKeepsId(event);
    // One append per original append where it can be told (same stream, same recordedAt, same
    // hash scheme), cut where it would hold too many events or bytes for one write.
    const bytes = appendBytesOf(event);
    const joins =
      batch.length > 0 &&
      batch[0].streamId === event.streamId &&
      batch[0].recordedAt === event.recordedAt &&
      batch[0].hashScheme === event.hashScheme;
    if (!joins || batch.length === EVENTS_PER_APPEND_MAX || batchBytes + bytes > COPY_APPEND_BYTES_MAX) await flush();
    batch.push(event);
    batchBytes += bytes;
  }
  await flush();
  const kept = (await source.keptDigests()).filter((digest) => digest.treeSize <= total);
  for (const digest of kept) await target.keepDigest(digest);
  const targetReport = await verifyJournal(target);
  return {
    copied: done - alreadyThere,
    alreadyThere,
    digestsKept: kept.length,
    source: sourceReport,
    target: targetReport,
    identical: targetReport.ok && targetReport.treeSize === sourceReport.treeSize && targetReport.rootHash === sourceReport.rootHash,
  };
}

/** What EventStoreDB counts of an event against MaxAppendSize, with room for the integrity block. */
export function appendBytesOf(event: RecordedEvent): number {
  const json = Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata));
  return json + 2 * event.type.length + EVENT_OVERHEAD_BYTES;
}

/**
 * Every store keeps ids in lower case now, and an event's hash covers its id: an event written
 * with an upper-case id, before ids were normalised, cannot be copied with the same hash.
 */
function assertKeepsId(event: RecordedEvent): void {
  if (event.id !== event.id.toLowerCase()) {
    throw new CopyRefusedError(
      `event ${event.streamId}@${event.revision} has the id ${event.id}, hashed in upper case: every store now keeps ids in lower case, so its copy could not keep its hash`,
    );
  }
}

/** Appends consecutive events of one stream at exactly the revision they had. */
async function appendCopy(target: EventStore, events: readonly RecordedEvent[]): Promise<void> {
  const first = events[0];
  const last = events[events.length - 1];
  const result = await target.append(
    first.streamId,
    events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
    first.revision === 0 ? NO_STREAM : first.revision - 1,
    // The hash covers recordedAt, and each event keeps the scheme it was hashed with.
    { recordedAt: first.recordedAt, hashScheme: first.hashScheme },
  );
  if (result.nextExpectedRevision !== last.revision) {
    throw new Error(`copying ${first.streamId}: the target wrote up to revision ${result.nextExpectedRevision}, not ${last.revision}`);
  }
}

/**
 * How many events the target holds already. Only an empty target, or one holding exactly the
 * source's first events (an interrupted copy, resumed), is copied into.
 */
async function identicalPrefix(source: EventStore, target: EventStore): Promise<number> {
  if ((await target.headPosition()) === undefined) return 0;
  const sourceEvents = source.readAll()[Symbol.asyncIterator]();
  let count = 0;
  try {
    for await (const held of target.readAll()) {
      const next = await sourceEvents.next();
      if (next.done || next.value.id !== held.id || next.value.hash !== held.hash) {
        throw new CopyRefusedError(
          `the target already holds other events than the source (its event ${count + 1}, ${held.streamId}@${held.revision}): copy into an empty store`,
        );
      }
      count += 1;
    }
  } finally {
    await sourceEvents.return?.();
  }
  return count;
}
