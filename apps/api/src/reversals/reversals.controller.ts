// Corrections: nothing is ever edited; a wrong event is reversed by an event that names it.
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { STREAM_CATEGORIES } from '@geldstroom/ledger';
import { CommandDto } from '../shared/command.dto';
import { EntityId, Text } from '../shared/validators';
import { CommandMeta, CommandResponse, dispatchOn, type HttpCommandMeta } from '../write/command-request';

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

@ApiTags('corrections')
@ApiCreatedResponse({ type: CommandResponse })
@Controller('v1/reversals')
export class ReversalsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Reverse an event by a correcting event that names it and why (EntryReversed)' })
  reverse(@Body() dto: ReverseEntryDto, @CommandMeta() meta: HttpCommandMeta) {
    const separator = dto.streamId.indexOf('-');
    const category = dto.streamId.slice(0, separator);
    const entityId = dto.streamId.slice(separator + 1);
    return dispatchOn(this.bus, meta, category, entityId, dto.reversalId, dto, {
      type: 'ReverseEntry',
      reversalId: dto.reversalId,
      eventId: dto.eventId.toLowerCase(),
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    });
  }
}
