import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessRegistry } from './access-registry';
import { AuthGuard } from './auth.guard';
import { PrincipalsController } from './principals.controller';

@Module({
  controllers: [PrincipalsController],
  providers: [AccessRegistry, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessRegistry],
})
export class AccessModule {}
