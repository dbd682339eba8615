// The CLI as its own process beside an API running in the test's process: spawned, not run
// synchronously, so the API it talks to keeps answering. No signing key, no EventStoreDB, no token
// from the environment: what the CLI gets is what the test gives it.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ReadModels } from '../../apps/api/src/queries/projections.module';
import { startApi, type Harness } from './api-harness';

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

/** An API that keeps its data folder, listening and saying where (as `npm start` does), for a CLI beside it. */
export async function apiBesideCli(): Promise<{ readonly api: Harness; readonly url: string }> {
  const api = await startApi();
  await api.app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(api.app.getHttpServer().address() as { port: number }).port}`;
  api.app.get(ReadModels).projector.announce(url);
  return { api, url };
}

