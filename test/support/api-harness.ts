// Starts the real API on a real SQLite store in a temporary folder of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';

export interface Harness {
  readonly app: INestApplication;
  readonly dataDir: string;
  http(): ReturnType<typeof request>;
  /** tree size and root of the journal now: unchanged after a refused request. */
  journalHead(): Promise<{ treeSize: number; rootHash: string }>;
  close(): Promise<void>;
}

export async function startApi(environment: Record<string, string> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'geldstroom-e2e-'));
  const app = await createApp({ GELDSTROOM_DATA_DIR: dataDir, LOG_LEVEL: 'error', ...environment });
  await app.init();
  const http = () => request(app.getHttpServer());
  return {
    app,
    dataDir,
    http,
    journalHead: async () => {
      const response = await http().get('/v1/journal/digest').expect(200);
      return { treeSize: response.body.treeSize, rootHash: response.body.rootHash };
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
