// Booking imports: the endpoint and the service the command line uses too.
import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { BookingImports } from './booking-imports';
import { ImportsController } from './imports.controller';

@Module({
  // The journal's last verify, which a reconciliation's file states as every export does.
  imports: [HealthModule],
  controllers: [ImportsController],
  providers: [BookingImports],
  exports: [BookingImports],
})
export class ImportsModule {}
