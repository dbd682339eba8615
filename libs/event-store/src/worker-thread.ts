// Worker threads for work split across cores (verify, a rebuild's reader). Their entry files sit
// beside the code that names them: TypeScript when running from source (the tests, the bench,
// the CLI through @swc-node/register), where the worker gets the same compiler hook; JavaScript
// once built.
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { extname, join } from 'node:path';
import { isMainThread, Worker } from 'node:worker_threads';

/**
 * How much nicer than the rest of the process a background thread runs (Linux's niceness, at most
 * 19) where it cannot be given the idle policy (below): the live projector, a rebuild, a verify of
 * the journal or of the read models.
 */
export const NICER_THAN_PROCESS = 19;

/** Linux's SCHED_IDLE, as /proc/<pid>/task/<tid>/stat gives a thread's policy (its 41st field). */
export const SCHED_IDLE = 5;

/**
 * Makes the calling background thread run only on what the threads that answer requests and decide
 * commands leave idle: Linux's SCHED_IDLE policy (set with util-linux's chrt, which every Debian
 * has), and failing that niceness 19. Under load the API's thread, the commit thread and V8's
 * collector threads share the two cores with these: at niceness 19 a woken commit thread or
 * collector still waited for such a thread to finish its time slice, and the API's thread waited
 * on the run queue about a third of its time; a thread at SCHED_IDLE gives way the moment any
 * other wakes. The projector still gets every core the API leaves idle, and takes what it fell
 * behind by in larger batches. Uncontended (the command line's verify, a rebuild before the API
 * answers), it changes nothing. See the http-command and import-bookings lines of npm run bench,
 * and the README. On the main thread (a module loaded there by mistake) it does nothing.
 */
export function yieldToRequests(): void {
  if (process.platform !== 'linux' || isMainThread) return;
  try {
    setPriority(Math.min(19, getPriority() + NICER_THAN_PROCESS));
  } catch {
    // A system that refuses it (a sandbox's seccomp filter): the thread runs at the process's priority.
  }
  try {
    // The thread's own id: /proc/thread-self is <pid>/task/<tid>.
    const threadId = readlinkSync('/proc/thread-self').split('/').pop()!;
    execFileSync('chrt', ['--idle', '--pid', '0', threadId], { stdio: 'ignore', timeout: 5_000 });
  } catch {
    // No chrt, or a system that refuses the policy: the niceness above stands.
  }
}

/** The path of worker entry `name` in `dir`, in the language the calling module runs in. */
export function workerFile(dir: string, name: string, callerFile: string): string {
  return join(dir, `${name}${extname(callerFile)}`);
}

export function startWorkerThread(file: string, workerData: unknown): Worker {
  const needsHook = file.endsWith('.ts') && !process.execArgv.some((arg) => arg.includes('@swc-node/register'));
  return new Worker(file, {
    workerData,
    // These workers parse millions of short-lived objects: a young generation larger than the
    // default makes each object far less likely to be copied before it dies.
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
    // The hook's disk cache writes in the background and a worker that ends first leaves its file
    // open in the process (thousands, in one long test run): workers compile in memory only.
    ...(needsHook ? { execArgv: ['--require', require.resolve('@swc-node/register')], env: { ...process.env, SWC_NODE_CACHE: '0' } } : {}),
  });
}
