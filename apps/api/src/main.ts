// `npm start`: the ledger's HTTP API on the configured store. On the very first start of an
// empty ledger it makes the first admin and loads the Heerlen case through the API's own command path.
import { AccessRegistry, FIRST_START_ACTOR } from '@geldstroom/application/access/access-registry';
import { createApp } from './bootstrap';
import { IntegrityMonitor } from './health/integrity-monitor';
import { ReadModels } from './queries/projections.module';
import { validateConfiguration } from './config/configuration';
import { exampleQuestions, firstStartGuide } from './scenario/example-questions';
import { CommandBus } from '@nestjs/cqrs';
import { inProcessSender, readScenario, recordScenario } from '@geldstroom/application/scenario/scenario-loader';
import { findingLookups } from './queries/finding-lookups';

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
    // Through this process's command bus, as the ledger's own first start: the actor of every event it writes.
    const sender = { principalId: FIRST_START_ACTOR, role: 'recorder', scope: 'all' } as const;
    const bus = app.get(CommandBus);
    const send = inProcessSender({
      record: (command) => bus.execute(command),
      sender,
      correlationId: 'first-start-scenario',
      lookups: findingLookups(app.get(ReadModels)),
    });
    const outcomes = await recordScenario(send, scenario);
    const count = (o: string) => outcomes.filter((x) => x.outcome === o).length;
    say(`\nLoaded the scenario "${scenario.name}": ${count('written')} commands recorded, ${count('refused')} refused.`);
    for (const refused of outcomes.filter((o) => o.outcome === 'refused')) say(`  refused: ${refused.step.request} — ${refused.detail}`);
    // /health and every answer report the last verify: let it be of the ledger just loaded, not of
    // the empty one. The read models are compared at the position they hold: first they take in
    // what was loaded (verified before that, they were verified at position 0).
    await app.get(ReadModels).current('until-held');
    await app.get(IntegrityMonitor).verifyOwn();
  }

  const token = firstAdmin.token;
  say(`\nThe admin token of this first start, shown this once (the ledger keeps only its hash):\n\n  ${token}\n`);
  // Questions about what was loaded: an empty ledger, or another scenario, answers none about Heerlen.
  const questions = exampleQuestions(await app.get(ReadModels).current('until-held'));
  for (const line of firstStartGuide(url, token, questions)) say(line);
  const answer = questions.find((q) => q.path.endsWith('/answer?lang=nl'));
  if (!answer) return;
  const response = await fetch(`${url}${answer.path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (response.ok) say(`\nThe first answer, as the ledger gives it now:\n\n${indent(((await response.json()) as { text: string }).text)}\n`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
