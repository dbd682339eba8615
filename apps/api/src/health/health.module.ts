import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { IntegrityMonitor } from './integrity-monitor';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [IntegrityMonitor],
  exports: [IntegrityMonitor],
})
export class HealthModule {}
