// `npm run cli -- <command>`: import, verify, rebuild, export, digest, principals and copy, on
// the same libraries as the API and configured by the same environment variables.
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';

async function main(): Promise<void> {
  await CommandFactory.run(CliModule, {
    cliName: 'geldstroom',
    logger: ['error', 'warn'],
    // An error while running a command: said in one line on stderr, exit code 1. (Bad usage is
    // answered by commander itself, with the command's help.)
    serviceErrorHandler: (error: Error) => {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 1;
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
