// Corrections: a wrong event is reversed by an event that names it.
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { STREAM_CATEGORIES } from '@geldstroom/ledger';
import { CommandDto } from './command.dto';
import { EntityId, Text } from './validators';

/** A stream of any ledger category (a finding's reviews too: the write side refuses a recorder there). */
const LEDGER_STREAM = new RegExp(`^(${STREAM_CATEGORIES.join('|')})-[a-z0-9][a-z0-9-]{1,63}$`);

export class ReverseEntryDto extends CommandDto {
  @EntityId('Client-chosen id of the reversal', 'correctie-2024-07')
  reversalId!: string;

  @ApiProperty({ description: 'Stream of the event to reverse, as shown in the audit trail', example: 'grant-werkvoorheerlen-pilot-2024' })
  @Matches(LEDGER_STREAM, { message: '$property must name a ledger stream such as grant-<id>' })
  streamId!: string;

  @ApiProperty({ description: 'Id of the event to reverse', example: '0190f3c4-9d7e-7c1a-8e2b-3a4b5c6d7e8f' })
  @IsUUID()
  eventId!: string;

  @Text('Why the entry is wrong', 'Bedrag dubbel geboekt')
  reason!: string;
}
