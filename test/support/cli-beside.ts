// The CLI as its own process beside an API running in the test's process: spawned, not run
// synchronously, so the API it talks to keeps answering. No signing key, no EventStoreDB, no token
// from the environment: what the CLI gets is what the test gives it.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function cliBeside(dataDir: string, ...args: string[]): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, GELDSTROOM_DATA_DIR: dataDir, GELDSTROOM_SIGNING_KEY: '', EVENTSTORE_CONNECTION_STRING: '', GELDSTROOM_TOKEN: '' },
    });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => done({ status, stdout, stderr }));
  });
}
