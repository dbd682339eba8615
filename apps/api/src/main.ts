// `npm start`: the ledger's HTTP API on the configured store. On the very first start of an
// empty ledger it makes the first admin and loads the Heerlen case through the API itself.
import { AccessRegistry, FIRST_START_ACTOR } from './access/access-registry';
import { createApp } from './bootstrap';
import { IntegrityMonitor } from './health/integrity-monitor';
import { ReadModels } from './queries/projections.module';
import { validateConfiguration } from './config/configuration';
import { readScenario, recordScenario } from './scenario/scenario-loader';

const PILOT = 'pilot-werkvoorheerlen-2024';

async function main(): Promise<void> {
  const config = validateConfiguration(process.env);
  const app = await createApp(process.env);
  // Listening first: a port already in use must stop the start before the first admin is made,
  // or its token, printed only on the first start, would be lost with the failed one.
  await app.listen(config.PORT, config.HOST);
  const registry = app.get(AccessRegistry);
  const firstAdmin = await registry.ensureFirstAdmin();
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  // Said beside the read models' lock: a command line on the same data folder sends its commands here.
  app.get(ReadModels).projector.announce(url);
  const say = (text: string) => process.stdout.write(`${text}\n`);
  say(`Geldstroom is running at ${url}  (data: ${config.GELDSTROOM_DATA_DIR})`);
  say(`OpenAPI: ${url}/docs`);
  say(`Web page: ${url}/web/  (sign in with an API token)`);
  if (!firstAdmin) return;

  if (config.GELDSTROOM_FIRST_START_SCENARIO) {
    const scenario = readScenario(config.GELDSTROOM_FIRST_START_SCENARIO);
    // A recorder that exists only for this load, revoked right after: its events name it.
    const loaderSpec = { principalId: 'first-start-scenario', role: 'recorder', scope: 'all', label: `Loads "${scenario.name}" at first start` } as const;
    const loader = await registry.create(loaderSpec, FIRST_START_ACTOR);
    const outcomes = await recordScenario(`http://127.0.0.1:${config.PORT}`, loader.token, scenario);
    await registry.revoke('first-start-scenario', 'first-start load finished', FIRST_START_ACTOR);
    const count = (o: string) => outcomes.filter((x) => x.outcome === o).length;
    say(`\nLoaded the scenario "${scenario.name}": ${count('written')} commands recorded, ${count('refused')} refused.`);
    for (const refused of outcomes.filter((o) => o.outcome === 'refused')) say(`  refused: ${refused.step.request} — ${refused.detail}`);
    // /health reports the last verify: let it be of the ledger just loaded, not of the empty one.
    await app.get(IntegrityMonitor).verifyOwn();
  }

  const token = firstAdmin.token;
  say(`\nThe admin token of this first start, shown this once (the ledger keeps only its hash):\n\n  ${token}\n`);
  say(`Ask the council's questions (as admin; make recorders and readers with POST /v1/principals):`);
  const auth = `-H "Authorization: Bearer ${token}"`;
  say(`  What did the pilot cost, who paid, and what per participant?\n    curl ${auth} "${url}/v1/programmes/${PILOT}/answer?lang=nl"`);
  say(`  The same, as figures with the events behind each one:\n    curl ${auth} "${url}/v1/programmes/${PILOT}/cost?explain=true"`);
  say(`  How much of Heerlen's re-integration budget is committed and spent?\n    curl ${auth} "${url}/v1/budgets/heerlen-maatwerk-reintegratie-2024/execution"`);
  const answer = await fetch(`${url}/v1/programmes/${PILOT}/answer?lang=nl`, { headers: { Authorization: `Bearer ${token}` } });
  if (answer.ok) say(`\nThe first answer, as the ledger gives it now:\n\n  ${((await answer.json()) as { text: string }).text}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
