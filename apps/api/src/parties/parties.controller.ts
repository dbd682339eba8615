// Parties: municipalities, regions, joint arrangements, foundations, companies, the Rijk.
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { PARTY_KINDS, type PartyKind } from '@geldstroom/ledger';
import { CommandDto } from '../shared/command.dto';
import { EntityId, Text } from '../shared/validators';
import { CommandMeta, CommandResponse, dispatchCreate, type HttpCommandMeta } from '../write/command-request';

export class RegisterPartyDto extends CommandDto {
  @EntityId('Client-chosen id of the party', 'gemeente-heerlen')
  partyId!: string;

  @Text('Name of the organisation (never a person)', 'Gemeente Heerlen')
  name!: string;

  @ApiProperty({ enum: PARTY_KINDS, example: 'municipality' })
  @IsIn(PARTY_KINDS)
  kind!: PartyKind;
}

@ApiTags('parties')
@Controller('v1/parties')
export class PartiesController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Register a party (PartyRegistered)' })
  @ApiCreatedResponse({ type: CommandResponse })
  register(@Body() dto: RegisterPartyDto, @CommandMeta() meta: HttpCommandMeta) {
    return dispatchCreate(this.bus, meta, 'party', dto.partyId, dto, {
      type: 'RegisterParty',
      partyId: dto.partyId,
      name: dto.name,
      kind: dto.kind,
      effectiveDate: dto.effectiveDate,
    });
  }
}
