// Progress bars on stderr. Without a terminal (a CI log, a pipe) they still print a line now
// and then, so a long run is visibly alive there too.
import { Presets, SingleBar } from 'cli-progress';

export function progressBar(label: string, unit: string): SingleBar {
  const tty = process.stderr.isTTY === true;
  return new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit}`,
      stream: process.stderr,
      noTTYOutput: !tty,
      notTTYSchedule: 1_000,
      hideCursor: tty,
      gracefulExit: true,
    },
    Presets.shades_classic,
  );
}
