// Background worker threads (the live projector, a rebuild, a verify) run nicer than the thread that
// answers requests; the main thread keeps the process's priority even if such a module is loaded there.
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { NICER_THAN_PROCESS, yieldToRequests } from './worker-thread';

(process.platform === 'linux' ? it : it.skip)('lowers a worker thread’s priority below the process’s and leaves the main thread’s alone (Linux)', async () => {
  const own = getPriority();
  const code = [
    `require(${JSON.stringify(require.resolve('@swc-node/register'))});`,
    `const { yieldToRequests } = require(${JSON.stringify(join(__dirname, 'worker-thread.ts'))});`,
    `yieldToRequests();`,
    `require('node:worker_threads').parentPort.postMessage(require('node:os').getPriority());`,
  ].join('\n');
  const worker = new Worker(code, { eval: true, env: { ...process.env, SWC_NODE_CACHE: '0' } });
  try {
    const nice = await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(nice).toBe(Math.min(19, own + NICER_THAN_PROCESS));
  } finally {
    await worker.terminate();
  }
  yieldToRequests();
  expect(getPriority()).toBe(own);
}, 60_000);
