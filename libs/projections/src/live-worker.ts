// The live projector's thread: it follows the journal of a SQLite store (a connection of its own
// to the same file) and writes the read models with the same ReadModelWriter a rebuild uses, so
// the thread that answers requests and decides commands does not also fold every event. It reads
// what was committed after its checkpoint as soon as the main thread says there is more (a
// `nudge`: a question waits for a position, or the store committed), and every 250 ms regardless
// (another process may have written). After each batch it posts the writer's state: checkpoint,
// tree head and digest, which is all the main thread needs to answer "caught up?".
import { parentPort, workerData } from 'node:worker_threads';
import { openEventStoreAt, yieldToRequests, type EventStore, type RecordedEvent, type StoreAddress } from '@geldstroom/event-store';
import { ReadModelWriter, type WriterState } from './engine/read-model-writer';
import type { FindingRules } from './findings/rules';
import { ReadStore } from './store/read-store';

export interface LiveRequest {
  readonly address: StoreAddress;
  readonly readStorePath: string;
  readonly rules: FindingRules;
}

/** From the main thread. */
export type LiveCommand = { readonly kind: 'nudge' } | { readonly kind: 'pause' } | { readonly kind: 'resume' } | { readonly kind: 'stop' };

/** To the main thread. */
export type LiveMessage =
  | { readonly kind: 'state'; readonly state: WriterState; readonly applied: number }
  | { readonly kind: 'paused' }
  | { readonly kind: 'failed'; readonly message: string; readonly stack?: string };

/**
 * Events per transaction at most: four times the in-process projector's (projector.ts), which
 * holds the API's own thread while it writes; this thread is the projector's alone. Only read
 * models behind by more than a batch take one this large, and a question waits for all they are
 * behind by anyway (it must include every earlier write); what a batch writes once, however many
 * of its events touch it (the current findings, the entities' sums), costs less per event. On an
 * import's journal, back to back against 2,000: the answers included a 60,000-line import 3–5%
 * sooner (2,416 / 2,504 / 2,466 → 2,535 / 2,590 / 2,597 lines/s).
 */
const BATCH_MAX = 8_000;
/** With nothing new and no nudge, look again after this long. */
const POLL_MS = 250;

class Follower {
  private nudged = false;
  private paused = false;
  private stopping = false;
  private wake: (() => void) | undefined;
  private applied = 0;
  private indexed = false;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly writer: ReadModelWriter,
    private readonly post: (message: LiveMessage) => void,
  ) {}

  take(command: LiveCommand): void {
    if (command.kind === 'nudge') this.nudged = true;
    if (command.kind === 'pause') this.paused = true;
    if (command.kind === 'resume') this.paused = false;
    if (command.kind === 'stop') this.stopping = true;
    this.wake?.();
  }

  async run(): Promise<void> {
    this.post({ kind: 'state', state: this.writer.state, applied: 0 });
    while (!this.stopping) {
      if (this.paused) {
        this.post({ kind: 'paused' });
        while (this.paused && !this.stopping) await this.sleep(POLL_MS);
        continue;
      }
      this.nudged = false;
      const events = await this.next();
      if (events.length > 0) {
        this.writer.write(events);
        this.applied += events.length;
        this.post({ kind: 'state', state: this.writer.state, applied: this.applied });
        // Between batches the thread's event loop turns: a stop, a pause or a nudge is seen here.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      // Caught up: the indexes a rebuild leaves out are sorted in now, once.
      if (!this.indexed) {
        if (!this.readStore.hasDeferredIndexes()) this.readStore.createDeferredIndexes();
        this.indexed = true;
      }
      if (!this.nudged) await this.sleep(POLL_MS);
    }
  }

  private async next(): Promise<RecordedEvent[]> {
    const after = this.writer.checkpoint;
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readAll({ ...(after > 0 ? { after } : {}), maxCount: BATCH_MAX })) events.push(event);
    return events;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

async function main(request: LiveRequest): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the live projector runs as a worker thread');
  yieldToRequests();
  const readStore = ReadStore.open(request.readStorePath);
  const store = await openEventStoreAt(request.address);
  const follower = new Follower(store, readStore, new ReadModelWriter(readStore, request.rules), (message) => port.postMessage(message));
  port.on('message', (command: LiveCommand) => follower.take(command));
  try {
    await follower.run();
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ kind: 'failed', message: failure.message, stack: failure.stack } satisfies LiveMessage);
  } finally {
    await store.close();
    readStore.close();
    port.close();
  }
}

if (parentPort && workerData && (workerData as { live?: unknown }).live) void main((workerData as { live: LiveRequest }).live);
