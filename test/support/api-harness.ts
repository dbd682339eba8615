// Starts the real API on a real SQLite store in a temporary folder of its own, with the first
// admin made as on a first start, and a recorder for every party as the default caller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AccessRegistry } from '@geldstroom/application/access/access-registry';
import type { Role, Scope } from '@geldstroom/application/access/principal';
import { createApp } from '../../apps/api/src/bootstrap';

export interface Harness {
  readonly app: INestApplication;
  readonly dataDir: string;
  /** The first admin's token, as printed on the first start. */
  readonly adminToken: string;
  /** The token `post()` sends unless told otherwise: a recorder for all parties. */
  readonly token: string;
  http(): ReturnType<typeof request>;
  /** A new principal's token. */
  tokenFor(role: Role, scope?: Scope): Promise<string>;
  /** tree size and root of the journal now: unchanged after a refused request. */
  journalHead(): Promise<{ treeSize: number; rootHash: string }>;
  close(): Promise<void>;
}

let principals = 0;

export async function startApi(environment: Record<string, string> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'geldstroom-e2e-'));
  const app = await createApp({ GELDSTROOM_DATA_DIR: dataDir, LOG_LEVEL: 'error', ...environment });
  await app.init();
  const registry = app.get(AccessRegistry);
  const admin = await registry.ensureFirstAdmin();
  if (!admin) throw new Error('a new ledger must make its first admin');
  const tokenFor = async (role: Role, scope: Scope = 'all') => {
    principals += 1;
    const principalId = `${role}-${principals}`;
    return (await registry.create({ principalId, role, scope, label: `test ${role}` }, 'admin')).token;
  };
  const token = await tokenFor('recorder', 'all');
  const http = () => request(app.getHttpServer());
  return {
    app,
    dataDir,
    adminToken: admin.token,
    token,
    http,
    tokenFor,
    journalHead: async () => {
      const response = await http().get('/v1/journal/digest').set('Authorization', `Bearer ${token}`).expect(200);
      return { treeSize: response.body.treeSize, rootHash: response.body.rootHash };
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
