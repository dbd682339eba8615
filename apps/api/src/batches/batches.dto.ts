// A batch of commands from another system: each command names its kind (the single endpoint it
// stands for), the entity that endpoint's path names, and the body that endpoint takes. The body
// is its own field, not spread beside `kind`: a party's and an expense's bodies have a `kind` too.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { COMMAND_KIND_NAMES } from '@geldstroom/application/commands/command-catalogue';

/** Longer than any id a path takes (an entity id is 64 characters, a finding id longer). */
const PATH_ID_LENGTH_MAX = 300;

export class BatchCommandDto {
  @ApiProperty({ enum: COMMAND_KIND_NAMES, description: 'The kind of command: which single endpoint it stands for', example: 'purchase-trajectories' })
  @IsString() @IsIn(COMMAND_KIND_NAMES)
  kind!: string;

  @ApiPropertyOptional({
    description: "The entity the single endpoint's path names (`:id`), for a command on an existing entity: `reha-trajecten-2024` for pay-purchase",
    example: 'reha-trajecten-2024',
  })
  @IsOptional() @IsString() @MaxLength(PATH_ID_LENGTH_MAX)
  id?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Exactly the body the single endpoint takes, validated as it validates it' })
  @IsObject()
  body!: Record<string, unknown>;
}

export class BatchDto {
  @ApiPropertyOptional({
    default: false,
    description:
      'true: all or nothing — every command is decided on what the earlier ones leave and all is written in one transaction, or, ' +
      'when one is refused, nothing is and the answer names it. false: each command is answered on its own, like its endpoint.',
  })
  @IsOptional() @IsBoolean()
  atomic?: boolean;

  @ApiPropertyOptional({
    description:
      'true: decide every command as an atomic batch would (each on what the earlier ones leave) and write nothing; 200 with each ' +
      'command\'s status and what it is about (checked), without revision, position or event ids, since none was written',
    default: false,
  })
  @IsOptional() @IsBoolean()
  dryRun?: boolean;

  @ApiProperty({ type: [BatchCommandDto], description: 'The commands, in order; at most GELDSTROOM_BATCH_COMMANDS_MAX (1,000 unless configured)' })
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => BatchCommandDto)
  commands!: BatchCommandDto[];
}
