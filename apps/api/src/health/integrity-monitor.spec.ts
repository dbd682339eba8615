// A scheduled verify that the store's closing cuts short (at shutdown) must fail quietly, not
// as an unhandled rejection that would end the process with an error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigService } from '@nestjs/config';
import { SqliteEventStore } from '@geldstroom/event-store';
import type { Configuration } from '../config/configuration';
import { IntegrityMonitor } from './integrity-monitor';

it('lets a verify cut short by a closed store fail without an unhandled rejection', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'geldstroom-monitor-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  await store.append('party-a', [{ id: '0190a6f0-0000-7000-8000-000000000001', type: 'PartyRegistered', data: {}, metadata: {} }], 'no_stream');
  await store.close();
  const config = { get: () => 0 } as unknown as ConfigService<Configuration, true>;
  const monitor = new IntegrityMonitor(store, config);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await expect(monitor.verify()).rejects.toThrow();
    await new Promise((settle) => setTimeout(settle, 20));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    rmSync(dir, { recursive: true, force: true });
  }
});
