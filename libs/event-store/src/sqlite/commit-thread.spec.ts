// The commit thread when it cannot do its work: every append on its way is told so, nothing is
// thrown at the event loop, and the next group starts a thread again.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CommitThread } from './commit-thread';
import { GroupCommitter, type AppendRequest } from './group-commit';
import { openSchema } from './sqlite-schema';

describe('a commit thread that fails', () => {
  let dir: string;
  let here: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-commit-thread-'));
    here = new Database(join(dir, 'here.sqlite'));
    openSchema(here);
  });
  afterEach(() => {
    here.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (): AppendRequest[] => [{ streamId: `grant-${randomUUID()}`, events: [{ id: randomUUID(), type: 'Paid', data: { amountCents: 1 }, metadata: {} }], expected: 'no_stream' }];

  it('tells each append on its way that it failed, and starts again for the next group', async () => {
    // The worker cannot open its file (a folder stands where the file should be): it ends with an error.
    const committed = jest.fn();
    const thread = new CommitThread(dir, committed, new GroupCommitter(here, committed));
    // More than the calling thread writes itself: this group goes to the worker.
    const first = await Promise.allSettled(Array.from({ length: 20 }, () => thread.enqueue(append())));
    expect(first.every((result) => result.status === 'rejected')).toBe(true);
    expect((first[0] as PromiseRejectedResult).reason).toEqual(expect.objectContaining({ message: expect.stringMatching(/^the commit thread failed: SQLITE_CANTOPEN/) }));
    expect((first[0] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    const second = await Promise.allSettled(Array.from({ length: 20 }, () => thread.enqueue(append())));
    expect(second.every((result) => result.status === 'rejected')).toBe(true);
    expect(committed).not.toHaveBeenCalled();
    await expect(thread.drained()).resolves.toBeUndefined();
    // A small group with nothing on its way is written in the calling thread, which can.
    await expect(thread.enqueue(append())).resolves.toHaveLength(1);
    expect(committed).toHaveBeenCalledTimes(1);
    await thread.close();
  });
});
