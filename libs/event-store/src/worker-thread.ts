// Worker threads for work split across cores (verify, a rebuild's reader). Their entry files sit
// beside the code that names them: TypeScript when running from source (the tests, the bench,
// the CLI through @swc-node/register), where the worker gets the same compiler hook; JavaScript
// once built.
import { getPriority, setPriority } from 'node:os';
import { extname, join } from 'node:path';
import { isMainThread, Worker } from 'node:worker_threads';

/**
 * How much nicer than the rest of the process a background thread runs (Linux's niceness, at most
 * 19): the live projector, a rebuild, a verify of the journal or of the read models. Under load the
 * thread that answers requests and decides commands shares the cores with them: at the same
 * priority the scheduler takes the API's thread off a core as often as theirs, and every request
 * waits. At 19 the API's thread gets about 68 times such a thread's share of a contended core (at
 * 10, about nine times); the projector still gets every core the API leaves idle, and takes what
 * it fell behind by in larger batches. Uncontended (the command line's verify, a rebuild before
 * the API answers), it changes nothing. See the http-command and import-bookings lines of
 * npm run bench, and the README.
 */
export const NICER_THAN_PROCESS = 19;

/**
 * Lowers the calling thread's scheduling priority below the process's. On Linux a thread's niceness
 * is its own (setpriority on the calling task); elsewhere it would be the whole process's, so there
 * the thread keeps the process's priority. Called first thing by a background worker thread; on
 * the main thread (a module loaded there by mistake) it does nothing.
 */
export function yieldToRequests(): void {
  if (process.platform !== 'linux' || isMainThread) return;
  try {
    setPriority(Math.min(19, getPriority() + NICER_THAN_PROCESS));
  } catch {
    // A system that refuses it (a sandbox's seccomp filter): the thread runs at the process's priority.
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
