// The ledger's command path in this process, without HTTP: a Nest application context with the
// store, the read models (kept by this process while it holds their lock) and the command bus
// with the one write handler. Nothing listens on a port.
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { RecordCommandHandler } from '@geldstroom/application/write/record.command';
import { OutboxCompleter } from '@geldstroom/application/write/outbox-completer';
import type { SubmitContext } from '@geldstroom/application/commands/submit-command';
import type { Sender } from '@geldstroom/application/commands/send-command';
import type { Configuration } from '../../../api/src/config/configuration';
import { ProjectionsModule, ReadModels } from '../../../api/src/queries/projections.module';
import { findingLookups } from '../../../api/src/queries/finding-lookups';
import { StoreModule } from '../../../api/src/store/store.module';

@Module({})
class LedgerContextModule {
  static register(config: Configuration): DynamicModule {
    return {
      module: LedgerContextModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => ({ ...config }) }),
        CqrsModule.forRoot(),
        // Shutdown runs in reverse: the read models stop before the store closes.
        StoreModule,
        ProjectionsModule,
      ],
      providers: [RecordCommandHandler, OutboxCompleter],
    };
  }
}

export async function openLedgerContext(config: Configuration): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(LedgerContextModule.register(config), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  return app;
}

/** Where commands submitted in this context go, and as whom. */
export function submitContextOf(app: INestApplicationContext, sender: Sender, correlationId: string): SubmitContext {
  const bus = app.get(CommandBus);
  return { record: (command) => bus.execute(command), sender, correlationId, lookups: findingLookups(app.get(ReadModels)) };
}
