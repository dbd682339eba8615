// The questions the first start prints: ones the ledger can answer with what was loaded, about
// the entities it holds, never about a scenario that was not loaded. An empty ledger gets the way
// to load one instead.
import { budgetCatalogue, partyCatalogue, programmeCatalogue, type LedgerReader } from '@geldstroom/projections';

export interface ExampleQuestion {
  readonly question: string;
  /** Path and query of the GET that answers it. */
  readonly path: string;
}

const QUESTIONS_MAX = 4;

export function exampleQuestions(reader: LedgerReader): ExampleQuestion[] {
  const cut = reader.resolveCut();
  const programmes = programmeCatalogue(reader, cut).entries;
  // An ended programme is what a council asks about; any programme otherwise.
  const programme = programmes.find((p) => p.status === 'ended') ?? programmes[0];
  const budget = budgetCatalogue(reader, cut).entries[0];
  const parties = partyCatalogue(reader, cut).entries;
  const provider = parties.find((p) => p.provider);
  const arrangement = parties.find((p) => p.kind === 'joint-arrangement');
  const questions: ExampleQuestion[] = [
    ...(programme
      ? [
          { question: `What did ${programme.name} cost, who paid, and what per participant?`, path: `/v1/programmes/${programme.programmeId}/answer?lang=nl` },
          { question: 'The same, as figures with the events behind each one:', path: `/v1/programmes/${programme.programmeId}/cost?explain=true` },
        ]
      : []),
    ...(budget ? [{ question: `How much of ${budget.name} (${budget.ownerName ?? budget.ownerPartyId}) is committed and spent?`, path: `/v1/budgets/${budget.budgetId}/execution` }] : []),
    ...(arrangement ? [{ question: `Who funds ${arrangement.name}, and in what shares?`, path: `/v1/parties/${arrangement.partyId}/funding` }] : []),
    ...(provider ? [{ question: `What was spent with ${provider.name}?`, path: `/v1/providers/${provider.partyId}/spend` }] : []),
  ];
  return questions.slice(0, QUESTIONS_MAX);
}

/** What the first start says after the admin token: questions to ask, or how to load a ledger. */
export function firstStartGuide(url: string, token: string, questions: readonly ExampleQuestion[]): string[] {
  if (questions.length === 0) {
    return [
      'The ledger is empty: no scenario was loaded (GELDSTROOM_FIRST_START_SCENARIO is empty).',
      'Record commands over the API as a recorder (make one with POST /v1/principals), or load a scenario file:',
      `  npm run cli -- import scenarios/heerlen.scenario.json --token <a recorder's token>`,
      `Then ask, for example: curl -H "Authorization: Bearer ${token}" "${url}/v1/programmes"`,
    ];
  }
  const auth = `-H "Authorization: Bearer ${token}"`;
  return [
    `Ask the council's questions (as admin; make recorders and readers with POST /v1/principals):`,
    ...questions.map((q) => `  ${q.question}\n    curl ${auth} "${url}${q.path}"`),
  ];
}
