// Programmes: the pilot, project or trajectory kind a council question is about.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { CommandDto } from './command.dto';
import { EntityId, Money, OptionalEntityId, Text } from './validators';

/** Counts of people, never people: bounded so a typo cannot record a city. */
export const PARTICIPANT_COUNT_MAX = 1_000_000;

export class NormBandDto {
  @Money('Lowest normal cost per participant', '2000.00')
  min!: string;

  @Money('Highest normal cost per participant', '2400.00')
  max!: string;

  @Text('Where the band comes from, cited when the band is stated', 'Raadsinformatiebrief 8 april 2024: indicatieve norm re-integratieketen', true)
  source?: string;
}

export class LaunchProgrammeDto extends CommandDto {
  @EntityId('Client-chosen id of the programme', 'pilot-werkvoorheerlen-2024')
  programmeId!: string;

  @EntityId('The party running the programme', 'gemeente-heerlen')
  ownerPartyId!: string;

  @Text('Name of the programme', 'Pilot re-integratie WerkvoorHeerlen')
  name!: string;

  @ApiPropertyOptional({ type: NormBandDto, description: 'Norm cost per participant (indicative band)' })
  // IsObject: ValidateNested alone lets an array through (each element validated, `[]` none).
  @IsOptional() @IsObject() @ValidateNested() @Type(() => NormBandDto)
  normBand?: NormBandDto;
}

export class EnrolParticipantsDto extends CommandDto {
  @EntityId('Client-chosen id of this enrolment count', 'instroom-2024')
  enrolmentId!: string;

  @ApiProperty({ description: 'Number of participants (a count: never a person)', example: 28 })
  @IsInt() @Min(1) @Max(PARTICIPANT_COUNT_MAX)
  count!: number;
}

export const OUTCOME_KINDS = ['work', 'education', 'other'] as const;

export class RecordOutcomesDto extends CommandDto {
  @EntityId('Client-chosen id of this outcome count', 'uitstroom-werk-2024')
  outcomeId!: string;

  @ApiProperty({ enum: OUTCOME_KINDS, example: 'work' })
  @IsIn(OUTCOME_KINDS)
  kind!: (typeof OUTCOME_KINDS)[number];

  @ApiProperty({ example: 4 })
  @IsInt() @Min(1) @Max(PARTICIPANT_COUNT_MAX)
  count!: number;
}

export class EndProgrammeDto extends CommandDto {
  @OptionalEntityId('Client-chosen id of this end; send a new one to record an end after reversing a wrong one', 'einde-2024')
  endId?: string;

  @Text('Why the programme ended', 'Pilot afgerond; niet voortgezet')
  reason!: string;

  @ApiProperty({ description: 'Whether the programme is continued in another form', example: false })
  @IsBoolean()
  continued!: boolean;
}
