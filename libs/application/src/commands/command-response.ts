// What a command endpoint answers: where the command's events went, and the revision to send as If-Match next.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReversalReferenceResponse {
  @ApiProperty({ description: 'The EntryReversed event' })
  eventId!: string;
  @ApiProperty({ description: "The reversal's journal position" })
  position!: number;
  @ApiProperty({ description: 'The event of this command it took back' })
  reversedEventId!: string;
}

export class CommandResponse {
  @ApiProperty({ description: 'The entity the command was about', example: 'heerlen-pilot-2024' })
  id!: string;
  @ApiProperty({ example: 'grant-heerlen-pilot-2024' })
  streamId!: string;
  @ApiProperty({ description: 'Stream revision after the command: send it as If-Match next time', example: 2 })
  revision!: number;
  @ApiProperty({ description: 'Global journal position of the last event written', example: 17 })
  position!: number;
  @ApiProperty({ type: [String], description: 'Ids of the events written' })
  eventIds!: string[];
  @ApiPropertyOptional({
    type: [ReversalReferenceResponse],
    description: 'On a retry (Idempotent-Replayed): the reversals recorded since of the events this command wrote. Those events no longer count.',
  })
  reversedBy?: ReversalReferenceResponse[];
}
