// `npm start`: the ledger's HTTP API on the configured store.
import { createApp } from './bootstrap';
import { validateConfiguration } from './config/configuration';

async function main(): Promise<void> {
  const config = validateConfiguration(process.env);
  const app = await createApp(process.env);
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  process.stdout.write(`Geldstroom is running at ${url}\nOpenAPI: ${url}/docs\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
