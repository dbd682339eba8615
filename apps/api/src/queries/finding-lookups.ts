// What a command kind may ask of the read models before it is sent (a review's finding must exist).
import { findingExists } from '@geldstroom/projections';
import type { CommandLookups } from '@geldstroom/application/commands/command-kind';
import type { ReadModels } from './read-models';

export function findingLookups(readModels: ReadModels): CommandLookups {
  return { findingExists: async (findingId) => findingExists(await readModels.current(), findingId) };
}
