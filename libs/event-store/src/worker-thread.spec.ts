// Background worker threads (the live projector, a rebuild, a verify) run at the idle policy (or
// nicer) than the thread that answers requests; the main thread keeps the process's priority and
// policy even if such a module is loaded there.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { NICER_THAN_PROCESS, SCHED_IDLE, yieldToRequests } from './worker-thread';

/** The calling thread's scheduling policy, from its stat line (the 41st field; the 2nd, its name, may hold spaces). */
function policyOf(statLine: string): number {
  return Number(statLine.slice(statLine.lastIndexOf(')') + 2).split(' ')[41 - 3]);
}

function hasChrt(): boolean {
  try {
    execFileSync('chrt', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

(process.platform === 'linux' ? it : it.skip)('puts a worker thread at the idle policy (with chrt; else nicer) and leaves the main thread alone (Linux)', async () => {
  const own = getPriority();
  const code = [
    `require(${JSON.stringify(require.resolve('@swc-node/register'))});`,
    `const { yieldToRequests } = require(${JSON.stringify(join(__dirname, 'worker-thread.ts'))});`,
    `yieldToRequests();`,
    `const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8');`,
    `require('node:worker_threads').parentPort.postMessage({ nice: require('node:os').getPriority(), stat });`,
  ].join('\n');
  const worker = new Worker(code, { eval: true, env: { ...process.env, SWC_NODE_CACHE: '0' } });
  try {
    const { nice, stat } = await new Promise<{ nice: number; stat: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(nice).toBe(Math.min(19, own + NICER_THAN_PROCESS));
    expect(policyOf(stat)).toBe(hasChrt() ? SCHED_IDLE : 0);
  } finally {
    await worker.terminate();
  }
  const ownPolicy = policyOf(readFileSync('/proc/thread-self/stat', 'utf8'));
  yieldToRequests();
  expect(getPriority()).toBe(own);
  expect(policyOf(readFileSync('/proc/thread-self/stat', 'utf8'))).toBe(ownPolicy);
}, 60_000);
