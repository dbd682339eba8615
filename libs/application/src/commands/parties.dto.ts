// Parties: municipalities, regions, joint arrangements, foundations, companies, the Rijk.
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PARTY_KINDS, type PartyKind } from '@geldstroom/ledger';
import { CommandDto } from './command.dto';
import { EntityId, Text } from './validators';

export class RegisterPartyDto extends CommandDto {
  @EntityId('Client-chosen id of the party', 'gemeente-heerlen')
  partyId!: string;

  @Text('Name of the organisation (never a person)', 'Gemeente Heerlen')
  name!: string;

  @ApiProperty({ enum: PARTY_KINDS, example: 'municipality' })
  @IsIn(PARTY_KINDS)
  kind!: PartyKind;
}
