// The read models of this API instance: their own SQLite file beside the store (or in the data
// folder on EventStoreDB), fed by the subscription from the moment the API starts.
import { join } from 'node:path';
import { Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EventStore } from '@geldstroom/event-store';
import { LedgerReader, Projector, ReadStore } from '@geldstroom/projections';
import type { Configuration } from '../config/configuration';
import { EVENT_STORE } from '../store/store.tokens';

@Injectable()
export class ReadModels implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly readStore: ReadStore;
  readonly projector: Projector;
  readonly reader: LedgerReader;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, config: ConfigService<Configuration, true>) {
    this.readStore = ReadStore.open(join(config.get('GELDSTROOM_DATA_DIR', { infer: true }), 'projections.sqlite'));
    this.projector = new Projector(store, this.readStore);
    this.reader = new LedgerReader(this.readStore);
  }

  onApplicationBootstrap(): void {
    this.projector.start();
  }

  /** Read-your-writes: the answer includes every event acknowledged before the question. */
  async current(): Promise<LedgerReader> {
    await this.projector.catchUpTo(await this.store.headPosition());
    return this.reader;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    this.readStore.close();
  }
}

@Global()
@Module({ providers: [ReadModels], exports: [ReadModels] })
export class ProjectionsModule {}
