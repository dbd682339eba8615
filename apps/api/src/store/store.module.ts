// Opens the configured event store once for the whole process and closes it last.
import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JournalDigester, loadSigningKey, openEventStore, type EventStore } from '@geldstroom/event-store';
import type { Configuration } from '../config/configuration';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';

function openStore(config: ConfigService<Configuration, true>): Promise<EventStore> {
  const connectionString = config.get('EVENTSTORE_CONNECTION_STRING', { infer: true });
  return openEventStore({
    dataDir: config.get('GELDSTROOM_DATA_DIR', { infer: true }),
    ...(connectionString ? { eventStoreConnectionString: connectionString } : {}),
  });
}

/** Keeps digest checkpoints as the log grows, and the last one at shutdown. */
@Injectable()
export class DigestKeeper implements OnApplicationShutdown {
  private readonly logger = new Logger('DigestKeeper');
  private readonly timer: NodeJS.Timeout;

  constructor(readonly digester: JournalDigester) {
    this.timer = setInterval(() => void this.keepIfDue(), 5_000);
    this.timer.unref();
  }

  async keepIfDue(): Promise<void> {
    try {
      await this.digester.keepIfDue();
    } catch (error) {
      this.logger.warn(`could not keep a digest: ${String(error)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
  }
}

/** Last of all at shutdown: keeps a due digest, then closes, finishing every accepted append. */
@Injectable()
class StoreCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly keeper: DigestKeeper) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keeper.keepIfDue();
    await this.store.close();
    this.logger.log('event store closed');
  }
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, inject: [ConfigService], useFactory: openStore },
    {
      provide: JournalDigester,
      inject: [EVENT_STORE, ConfigService],
      useFactory: (store: EventStore, config: ConfigService<Configuration, true>) => {
        const key = config.get('GELDSTROOM_SIGNING_KEY', { infer: true });
        return new JournalDigester(store, {
          ...(key ? { signingKey: loadSigningKey(key) } : {}),
          keepEvery: config.get('GELDSTROOM_DIGEST_EVERY', { infer: true }),
        });
      },
    },
    DigestKeeper,
    StoreCloser,
  ],
  exports: [EVENT_STORE, JournalDigester, DigestKeeper],
})
export class StoreModule {}
