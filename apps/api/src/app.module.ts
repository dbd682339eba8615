import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import type { Configuration } from './config/configuration';
import { AccessModule } from './access/access.module';
import { HealthModule } from './health/health.module';
import { ProjectionsModule } from './queries/projections.module';
import { QUERY_CONTROLLERS } from './queries/queries';
import { StoreModule } from './store/store.module';
import { RecordCommandHandler } from './write/record.command';
import { JournalController } from './journal/journal.controller';
import { RESOURCE_CONTROLLERS } from './resources';

@Module({})
export class AppModule {
  /** The configuration is validated before the app is built and handed in whole. */
  static register(config: Configuration): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => ({ ...config }) }),
        CqrsModule.forRoot(),
        StoreModule,
        AccessModule,
        HealthModule,
        ProjectionsModule,
      ],
      controllers: [...RESOURCE_CONTROLLERS, ...QUERY_CONTROLLERS, JournalController],
      providers: [RecordCommandHandler],
    };
  }
}
