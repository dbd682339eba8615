import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import type { Configuration } from './config/configuration';
import { AccessModule } from './access/access.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { ApiLogger, createHttpLogger, loggingModule, type HttpLogger } from './logging/logging';
import { ProjectionsModule } from './queries/projections.module';
import { QUERY_CONTROLLERS } from './queries/queries';
import { StoreModule } from './store/store.module';
import { OutboxCompleter } from '@geldstroom/application/write/outbox-completer';
import { RecordCommandHandler } from '@geldstroom/application/write/record.command';
import { JournalController } from './journal/journal.controller';
import { ExportsController } from './exports/exports.controller';
import { RESOURCE_CONTROLLERS } from './resources';
import { HttpDrain } from './shutdown/http-drain';
import { BatchesController } from './batches/batches.controller';

@Module({})
export class AppModule {
  /**
   * The configuration is validated before the app is built and handed in whole; the request
   * logger is made before it too, because createApp mounts it ahead of every other middleware.
   */
  static register(config: Configuration, httpLogger: HttpLogger = createHttpLogger(config)): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => ({ ...config }) }),
        loggingModule(httpLogger),
        CqrsModule.forRoot(),
        // Shutdown hooks of global modules run in the reverse of this order, after the HTTP
        // server has closed: the read models stop before the store closes.
        StoreModule,
        AccessModule,
        HealthModule,
        ProjectionsModule,
        DocumentsModule,
        ImportsModule,
      ],
      controllers: [...RESOURCE_CONTROLLERS, BatchesController, ...QUERY_CONTROLLERS, JournalController, ExportsController],
      providers: [RecordCommandHandler, OutboxCompleter, ApiLogger, HttpDrain],
    };
  }
}
