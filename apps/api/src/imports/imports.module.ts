// Booking imports: the endpoint and the service the command line uses too.
import { Module } from '@nestjs/common';
import { BookingImports } from './booking-imports';
import { ImportsController } from './imports.controller';

@Module({
  controllers: [ImportsController],
  providers: [BookingImports],
  exports: [BookingImports],
})
export class ImportsModule {}
