// Every command of the CLI; nest-commander finds them by their decorators.
import { Module } from '@nestjs/common';
import { CopyCommand } from './copy/copy.command';
import { DigestCommand } from './digest/digest.command';
import { ExportCommand } from './export/export.command';
import { GeldstroomCommand } from './geldstroom.command';
import { ImportCommand } from './import/import.command';
import { ImportBookingsCommand } from './import-bookings/import-bookings.command';
import { CreatePrincipalCommand, ListPrincipalsCommand, PrincipalsCommand, RevokePrincipalCommand } from './principals/principals.command';
import { RebuildCommand } from './rebuild/rebuild.command';
import { VerifyCommand } from './verify/verify.command';

@Module({
  providers: [
    GeldstroomCommand,
    ImportCommand,
    ImportBookingsCommand,
    VerifyCommand,
    RebuildCommand,
    ExportCommand,
    DigestCommand,
    PrincipalsCommand,
    CreatePrincipalCommand,
    ListPrincipalsCommand,
    RevokePrincipalCommand,
    CopyCommand,
  ],
})
export class CliModule {}
