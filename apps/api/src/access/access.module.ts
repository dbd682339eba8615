import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@geldstroom/event-store';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import type { RecordCommand, RecordResult } from '@geldstroom/application/write/record.command';
import { AccessRegistry } from '@geldstroom/application/access/access-registry';
import { PersonalDataGuard } from '../problem/personal-data.guard';
import { AuthGuard } from './auth.guard';
import { PrincipalsController } from './principals.controller';

@Module({
  controllers: [PrincipalsController],
  providers: [
    {
      provide: AccessRegistry,
      inject: [EVENT_STORE, CommandBus],
      // Access changes go through the same bus, handler and decider as every other command.
      useFactory: (store: EventStore, bus: CommandBus) =>
        new AccessRegistry(store, (command) => bus.execute<RecordCommand, RecordResult>(command)),
    },
    // In this order: who asks first (401/403), then whether the request holds personal data (422).
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: PersonalDataGuard },
  ],
  exports: [AccessRegistry],
})
export class AccessModule {}
