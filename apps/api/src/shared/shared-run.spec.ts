// A verify asked for after a write must be of the ledger with that write: who asks while a run is
// going shares the next run, which starts after it, never the run that began before the question.
import { SharedRun } from './shared-run';

/** A run whose end the test decides; each start is counted and remembers what it saw. */
function controlledRuns() {
  const starts: { sawValue: number; end: (error?: Error) => void }[] = [];
  let value = 0;
  const shared = new SharedRun<number>(
    () =>
      new Promise<number>((resolve, reject) => {
        const sawValue = value;
        starts.push({ sawValue, end: (error) => (error ? reject(error) : resolve(sawValue)) });
      }),
  );
  return { shared, starts, write: () => (value += 1) };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

it('answers a question asked during a run with the next run, which sees the write made before it', async () => {
  const { shared, starts, write } = controlledRuns();
  const before = shared.fromNow();
  await turn();
  write();
  const afterWrite = shared.fromNow();
  const alsoAfterWrite = shared.fromNow();
  await turn();
  expect(starts).toHaveLength(1);
  starts[0].end();
  expect(await before).toBe(0);
  await turn();
  // One next run, shared by both who asked during the first.
  expect(starts).toHaveLength(2);
  starts[1].end();
  expect(await afterWrite).toBe(1);
  expect(await alsoAfterWrite).toBe(1);
});

it('starts the next run after a failed one, and is idle only once every run asked for has ended', async () => {
  const { shared, starts } = controlledRuns();
  const failing = shared.fromNow();
  const next = shared.fromNow();
  let idle = false;
  const waited = shared.idle().then(() => (idle = true));
  await turn();
  starts[0].end(new Error('the store closed'));
  await expect(failing).rejects.toThrow('the store closed');
  await turn();
  expect(idle).toBe(false);
  starts[1].end();
  expect(await next).toBe(0);
  await waited;
  expect(idle).toBe(true);
  // Idle, a question starts a run at once.
  void shared.fromNow();
  await turn();
  expect(starts).toHaveLength(3);
  starts[2].end();
});
