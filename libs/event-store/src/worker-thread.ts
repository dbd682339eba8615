// Worker threads for work split across cores (verify, a rebuild's reader). Their entry files sit
// beside the code that names them: TypeScript when running from source (the tests, the bench,
// the CLI through @swc-node/register), where the worker gets the same compiler hook; JavaScript
// once built.
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

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
