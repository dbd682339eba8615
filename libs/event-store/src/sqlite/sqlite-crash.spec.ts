// Kill -9 a process in the middle of concurrent appends: every acknowledged append must
// survive, nothing half-written may appear, and the journal must still verify.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyJournal } from '../integrity/verify-journal';
import { SqliteEventStore } from './sqlite-event-store';

const ACKS_BEFORE_KILL = 3000;

interface Ack {
  streamId: string;
  lastRevision: number;
  eventIds: string[];
}

function runUntilKilled(path: string): Promise<Ack[]> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'sqlite-crash.child.ts'), path], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acks: Ack[] = [];
  let buffered = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [streamId, revision, ids] = line.split(' ');
        acks.push({ streamId, lastRevision: Number(revision), eventIds: ids.split(',') });
      }
      if (acks.length >= ACKS_BEFORE_KILL) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(acks) : reject(new Error(`child exited by itself: ${code}`)),
    );
  });
}

describe('SQLite store under SIGKILL', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append, no half-written one, and verifies', async () => {
    const path = join(dir, 'events.sqlite');
    const acks = await runUntilKilled(path);
    expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const store = SqliteEventStore.open({ path });
    try {
      const streams = new Map<string, { ids: string[]; revisions: number[] }>();
      for await (const event of store.readAll()) {
        const stream = streams.get(event.streamId) ?? { ids: [], revisions: [] };
        stream.ids.push(event.id);
        stream.revisions.push(event.revision);
        streams.set(event.streamId, stream);
      }
      for (const ack of acks) {
        const stream = streams.get(ack.streamId);
        const first = ack.lastRevision - ack.eventIds.length + 1;
        expect(stream?.ids.slice(first, ack.lastRevision + 1)).toEqual(ack.eventIds);
      }
      for (const stream of streams.values()) {
        expect(stream.revisions).toEqual(stream.revisions.map((_, i) => i));
        expect(stream.ids.length % 3).toBe(0); // appends of three: all or nothing
      }
      const report = await verifyJournal(store);
      expect(report.failure).toBeUndefined();
      expect(report.ok).toBe(true);
      expect(report.eventsChecked).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL * 3);
    } finally {
      await store.close();
    }
  });
});
