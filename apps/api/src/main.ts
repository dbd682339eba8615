// `npm start`: the ledger's HTTP API on the configured store.
import { AccessRegistry } from './access/access-registry';
import { createApp } from './bootstrap';
import { validateConfiguration } from './config/configuration';

async function main(): Promise<void> {
  const config = validateConfiguration(process.env);
  const app = await createApp(process.env);
  const firstAdmin = await app.get(AccessRegistry).ensureFirstAdmin();
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  process.stdout.write(`Geldstroom is running at ${url}\nOpenAPI: ${url}/docs\n`);
  if (firstAdmin) {
    process.stdout.write(
      `\nThis is the first start of this ledger. The admin token, shown this once (only its hash is kept):\n\n` +
        `  ${firstAdmin.token}\n\n` +
        `Make a recorder with it:\n` +
        `  curl -X POST ${url}/v1/principals -H "Authorization: Bearer <admin token>" -H "Content-Type: application/json" \\\n` +
        `    -d '{"principalId":"recorder-heerlen","role":"recorder","parties":["gemeente-heerlen"],"label":"Financial administration Heerlen"}'\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
