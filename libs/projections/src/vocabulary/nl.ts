// The ledger's words in Dutch, for people: event types, finding kinds, categories, party kinds,
// expense kinds and review states, as the web page, the exports and the answers show them. Typed
// records over the ledger's own unions: a new event type or finding kind without a Dutch name does
// not compile. Plain data with type-only imports, so the web page bundles it without the library.
import type { AccessEvent, LedgerEventType, PartyKind, ExpenseKind, ReviewState } from '@geldstroom/ledger';
import type { FindingKind } from '../findings/finding';
import type { Measure, SpendingKind } from '../model/movement';
import type { EconomicGroup } from '../reports/iv3-matrix';
import type { ChangeReport } from '../reports/then-and-now';
import type { Criterion, WarningLevel } from '../reports/rules/rechtmatigheid-thresholds';

type AccessEventType = AccessEvent['type'];

export const EVENT_NAMES_NL: Readonly<Record<LedgerEventType | AccessEventType, string>> = {
  PartyRegistered: 'Partij geregistreerd',
  BudgetOpened: 'Begroting geopend',
  BudgetFunded: 'Begroting gevoed',
  BudgetAmended: 'Begrotingswijziging',
  BudgetAllocated: 'Begrotingsregel',
  BudgetTransferredOut: 'Overheveling uit',
  BudgetTransferredIn: 'Overheveling in',
  ProgrammeLaunched: 'Programma gestart',
  ParticipantsEnrolled: 'Deelnemers ingestroomd',
  OutcomesRecorded: 'Uitstroom vastgelegd',
  ProgrammeEnded: 'Programma beëindigd',
  GrantAwarded: 'Subsidie verleend',
  GrantAdvancePaid: 'Subsidie betaald (voorschot)',
  GrantSettled: 'Subsidie vastgesteld',
  GrantReclaimed: 'Subsidie teruggevorderd',
  GrantWithdrawn: 'Subsidie ingetrokken',
  ProcurementStarted: 'Aanbesteding gestart',
  ContractAwarded: 'Opdracht gegund',
  ContractAmended: 'Contract gewijzigd',
  ContractEnded: 'Contract beëindigd',
  TrajectoriesPurchased: 'Trajecten ingekocht',
  PurchaseInvoiced: 'Inkoop gefactureerd',
  PurchasePaid: 'Inkoop betaald',
  PurchaseCancelled: 'Inkoop geannuleerd',
  ExpenseCommitted: 'Uitgave verplicht',
  ExpenseCommitmentRaised: 'Verplichting verhoogd',
  ExpenseInvoiced: 'Uitgave gefactureerd',
  ExpensePaid: 'Uitgave betaald',
  ExpenseBooked: 'Uitgave geboekt',
  ExpenseCancelled: 'Uitgave geannuleerd',
  FindingReviewed: 'Bevinding beoordeeld',
  DocumentAttached: 'Document toegevoegd',
  EntryReversed: 'Boeking teruggedraaid',
  PrincipalCreated: 'Gebruiker aangemaakt',
  PrincipalTokenIssued: 'Token uitgegeven',
  PrincipalRevoked: 'Gebruiker ingetrokken',
};

/** A type the ledger did not know when this was written (a newer ledger): shown as the API names it. */
export function eventNameNl(type: string): string {
  return (EVENT_NAMES_NL as Record<string, string>)[type] ?? type;
}

export const FINDING_KINDS_NL: Readonly<Record<FindingKind, string>> = {
  'budget-below-zero': 'Een begrotingswijziging brengt de begroting onder nul',
  'allocated-above-budget': 'De begrotingsregels zijn samen meer dan de begroting',
  'transferred-above-budget': 'Een overheveling neemt meer dan de begroting bevat',
  'paid-above-granted': 'Er is meer betaald dan de subsidie die is verleend',
  'paid-above-settled': 'Er is meer betaald dan de subsidie die is vastgesteld',
  'settled-above-granted': 'De subsidie is hoger vastgesteld dan verleend',
  'invoiced-above-total': 'Er is meer gefactureerd dan aantal × prijs',
  'paid-above-invoiced': 'Er is meer betaald dan gefactureerd',
  'paid-above-total': 'Er is meer betaald dan aantal × prijs',
  'outcomes-above-participants': 'Meer uitkomsten dan deelnemers',
  'invoiced-above-committed': 'Er is meer gefactureerd dan verplicht',
  'paid-above-committed': 'Er is meer betaald dan verplicht',
  'budget-overrun': 'Meer verplicht en betaald dan de begroting',
  'call-off-above-ceiling': 'Afroepen boven het plafond van het contract',
  'call-off-outside-term': 'Afroepen buiten de looptijd van het contract',
  'procedure-too-light': 'Een te lichte inkoopprocedure voor de waarde van het contract',
  'split-purchase': 'Opgeknipte inkoop: samen boven een drempel die elk afzonderlijk niet haalt',
  'spending-after-programme-end': 'Uitgaven na het einde van het programma',
  'payment-without-commitment': 'Een betaling zonder verplichting ervoor',
  'line-overrun': 'Meer verplicht dan op de begrotingsregel staat',
  'mirror-missing': 'Een kant van een besluit over twee stromen ontbreekt (nog)',
  'taakveld-unknown': 'Een begroting op een taakveld dat de Iv3-catalogus van het jaar niet kent',
};

export function findingKindNl(kind: string): string {
  return (FINDING_KINDS_NL as Record<string, string>)[kind] ?? kind;
}

/**
 * What else an event recorded between then and now changed, in words: the events whose figures it
 * changed (what a reversal reversed), and the findings it raised, changed or ended (by kind and
 * what they are about, `<kind>:<subject>`).
 */
export function changedNl(changedEvents: readonly number[], changedFindings: readonly string[]): string[] {
  const said = changedEvents.length > 0 ? [`wijzigt positie ${changedEvents.join(', ')}`] : [];
  for (const findingId of changedFindings) {
    const colon = findingId.indexOf(':');
    said.push(`wijzigt bevinding ‘${findingKindNl(findingId.slice(0, colon))}’ (${findingId.slice(colon + 1)})`);
  }
  return said;
}

export const CATEGORIES_NL: Readonly<Record<string, string>> = {
  party: 'partij',
  budget: 'begroting',
  programme: 'programma',
  grant: 'subsidie',
  procurement: 'aanbesteding',
  contract: 'contract',
  purchase: 'inkoop',
  expense: 'uitgave',
  finding: 'bevinding',
  document: 'document',
  access: 'toegang',
};

export const PARTY_KINDS_NL: Readonly<Record<PartyKind, string>> = {
  municipality: 'gemeente',
  region: 'arbeidsmarktregio',
  'joint-arrangement': 'gemeenschappelijke regeling',
  foundation: 'stichting',
  company: 'bedrijf',
  'central-government': 'Rijk',
  collective: 'verzamelpartij',
};

export const EXPENSE_KINDS_NL: Readonly<Record<ExpenseKind, string>> = {
  personnel: 'personeelslasten',
  'hired-staff': 'inhuur',
  operating: 'apparaatskosten',
  'wage-cost-subsidy': 'loonkostensubsidie',
  contribution: 'bijdrage aan een verbonden partij',
  other: 'overig',
};

/** Every kind of cost in a party's own view: grants and purchases beside the kinds of expense. */
export const SPENDING_KINDS_NL: Readonly<Record<SpendingKind, string>> = {
  grant: 'subsidies',
  purchase: 'inkoop',
  ...EXPENSE_KINDS_NL,
};

/** The Iv3 matrix's six groups of economic categories (lasten). */
export const ECONOMIC_GROUPS_NL: Readonly<Record<EconomicGroup, string>> = {
  'own-staff': 'eigen personeel',
  'hired-staff': 'inhuur',
  purchases: 'goederen en diensten',
  'subsidies-and-grants': 'subsidies en inkomensoverdrachten',
  contributions: 'bijdragen aan verbonden partijen',
  other: 'overig',
};

export const CRITERIA_NL: Readonly<Record<Criterion, string>> = {
  begrotingscriterium: 'begrotingscriterium',
  voorwaardencriterium: 'voorwaardencriterium',
  'misbruik-en-oneigenlijk-gebruik': 'misbruik en oneigenlijk gebruik',
};

/** What the amount of an afwijking in the rechtmatigheid register is (its grondslag), by kind of finding. */
export const AMOUNT_BASIS_NL: Readonly<Partial<Record<FindingKind, string>>> = {
  'budget-overrun': 'verplicht boven de actuele begroting',
  'transferred-above-budget': 'het bedrag van de overheveling',
  'paid-above-granted': 'betaald boven het verleende bedrag',
  'paid-above-settled': 'betaald boven het vastgestelde bedrag',
  'settled-above-granted': 'vastgesteld boven het verleende bedrag',
  'paid-above-total': 'betaald boven aantal × prijs',
  'paid-above-committed': 'betaald boven de verplichting',
  'invoiced-above-total': 'gefactureerd boven aantal × prijs',
  'invoiced-above-committed': 'gefactureerd boven de verplichting',
  'paid-above-invoiced': 'betaald boven het gefactureerde',
  'call-off-above-ceiling': 'afgeroepen boven het plafond van het contract',
  'call-off-outside-term': 'afgeroepen buiten de looptijd van het contract',
  'procedure-too-light': 'verplicht onder het contract',
  'split-purchase': 'de verplichtingen samen',
  'spending-after-programme-end': 'het bedrag van de uitgave',
  'payment-without-commitment': 'het bedrag van de betaling',
};

/** Where the rechtmatigheid register's omvangsbasis came from. */
export const OMVANGSBASIS_FROM_NL: Readonly<Record<'given' | 'ledger-lasten', string>> = {
  given: 'opgegeven',
  'ledger-lasten': 'lasten in het grootboek (alleen wat hier is vastgelegd)',
};

/** Where the year's afwijkingen stand against the verantwoordingsgrens. */
export const WARNING_LEVELS_NL: Readonly<Record<WarningLevel, string>> = {
  clear: 'ruim onder de verantwoordingsgrens',
  approaching: 'nadert de verantwoordingsgrens',
  over: 'boven de verantwoordingsgrens',
};

/** The reports "what we told the council then, and what changed since" compares. */
export const CHANGE_REPORTS_NL: Readonly<Record<ChangeReport, string>> = {
  'programme-cost': 'Kosten van het programma',
  'budget-execution': 'Uitputting van de begroting',
  'party-spending': 'Besteding van de partij',
  'iv3-matrix': 'Iv3-matrix',
  'funding-accountability': 'Verantwoording per financiering',
  rechtmatigheid: 'Rechtmatigheidsregister',
};

/** What an event moved in a report's scope (then and now: the events between). */
export const MEASURES_NL: Readonly<Record<Measure, string>> = {
  fundedCents: 'gevoed',
  amendedCents: 'gewijzigd',
  transferredInCents: 'overgeheveld in',
  transferredOutCents: 'overgeheveld uit',
  allocatedCents: 'op regels gezet',
  committedCents: 'verplicht',
  orderedCents: 'besteld of verleend',
  realisedCents: 'gerealiseerd',
  invoicedCents: 'gefactureerd',
  settledCents: 'vastgesteld',
  reclaimedCents: 'teruggevorderd',
  entities: 'aantal',
  cancelled: 'ingetrokken of geannuleerd',
  units: 'trajecten',
  unitsCommittedCents: 'verplicht voor de trajecten',
  participants: 'deelnemers',
  outcomesWork: 'uitstroom naar werk',
  outcomesEducation: 'uitstroom naar opleiding',
  outcomesOther: 'overige uitstroom',
  uncoveredCents: 'ongedekt betaald',
};

export const REVIEW_STATES_NL: Readonly<Record<ReviewState, string>> = {
  explained: 'verklaard',
  accepted: 'geaccepteerd',
  'to-be-corrected': 'te corrigeren',
  escalated: 'geëscaleerd',
};

export const FLOW_KINDS_NL: Readonly<Record<string, string>> = {
  funding: 'financiering',
  transfer: 'overheveling',
  grant: 'subsidie',
  purchase: 'inkoop',
  expense: 'uitgave',
};

/** A review state, or 'not-reviewed' for a finding nobody has reviewed yet. */
export function reviewStateNl(state: string): string {
  return state === 'not-reviewed' ? 'nog niet beoordeeld' : ((REVIEW_STATES_NL as Record<string, string>)[state] ?? state);
}

/** The answers' field names a controller reads in "what changed since", in Dutch. */
const FIGURE_FIELDS_NL: Readonly<Record<string, string>> = {
  // A programme's and a party's figures per kind of cost are keyed by the kind.
  ...SPENDING_KINDS_NL,
  committed: 'verplicht',
  obligo: 'obligo',
  realised: 'gerealiseerd',
  available: 'beschikbaar',
  settled: 'vastgesteld',
  settledAmount: 'vastgesteld bedrag',
  allocated: 'op regels gezet',
  unallocated: 'niet op regels gezet',
  amount: 'bedrag',
  share: 'aandeel',
  total: 'totaal',
  totals: 'totalen',
  count: 'aantal',
  status: 'status',
  name: 'naam',
  byKind: 'per soort',
  grants: 'subsidies',
  purchases: 'inkoop',
  trajectories: 'trajecten',
  participants: 'deelnemers',
  outcomes: 'uitstroom',
  work: 'naar werk',
  education: 'naar opleiding',
  other: 'overig',
  positiveOutcomes: 'positieve uitstroom',
  costPerParticipant: 'kosten per deelnemer',
  costPerPositiveOutcome: 'kosten per positieve uitstroom',
  normBand: 'normbedrag',
  min: 'minimum',
  max: 'maximum',
  againstNorm: 'ten opzichte van de norm',
  whoPaid: 'wie betaalde',
  directPayers: 'directe betalers',
  ultimateFunders: 'uiteindelijke financiers',
  funders: 'financiers',
  uncovered: 'ongedekt betaald',
  endedOn: 'beëindigd op',
  endReason: 'reden van beëindiging',
  continued: 'voortgezet',
  launchedOn: 'gestart op',
  findings: 'bevindingen',
  kind: 'soort',
  date: 'datum',
  detail: 'details',
  initial: 'primaire begroting',
  amendments: 'wijzigingen',
  transfersIn: 'overhevelingen in',
  transfersOut: 'overhevelingen uit',
  current: 'actuele begroting',
  lines: 'regels',
  withoutLine: 'zonder regel',
  overrun: 'overschreden',
  overrunAmount: 'overschrijding',
  budgets: 'begrotingen',
  programmes: 'programma’s',
  spent: 'besteed',
  spentByKind: 'besteed per soort',
  received: 'ontvangen',
  unspent: 'niet besteed',
  cumulativeReceived: 'cumulatief ontvangen',
  cumulativeSpent: 'cumulatief besteed',
  lasten: 'lasten',
  baten: 'baten',
  saldo: 'saldo',
  matrix: 'matrix',
  rows: 'rijen',
  years: 'jaren',
  ownView: 'eigen boeken',
  // The reports' fields (Iv3, accountability per funding, the register) and a finding's.
  aboveRapportagegrens: 'boven de rapportagegrens',
  amountBasis: 'grondslag van het bedrag',
  awardedOn: 'gegund op',
  balanceAtEnd: 'saldo einde jaar',
  balanceAtStart: 'saldo begin jaar',
  batenByCategory: 'baten per categorie',
  betweenOwnBudgets: 'tussen eigen begrotingen',
  budgetId: 'begroting',
  budgetIds: 'begrotingen',
  budgetName: 'naam van de begroting',
  buyerPartyId: 'inkopende partij',
  byCriterion: 'per criterium',
  byReviewState: 'per beoordeling',
  byTaakveld: 'per taakveld',
  calledOff: 'afgeroepen',
  calledOffOutside: 'afgeroepen buiten de looptijd',
  calledOffOutsideByBudget: 'afgeroepen buiten de looptijd per begroting',
  catalogue: 'catalogus',
  catalogueId: 'catalogus',
  categories: 'categorieën',
  category: 'categorie',
  ceiling: 'plafond',
  charged: 'ten laste van',
  class: 'classificatie',
  codeConfirmed: 'code bevestigd',
  committedOn: 'verplicht op',
  confirmed: 'bevestigd',
  contractId: 'contract',
  contracts: 'contracten',
  contributions: 'bijdragen',
  council: 'raad',
  coveredFrom: 'gedekt vanaf',
  coveredUntil: 'gedekt tot en met',
  criterion: 'criterium',
  currentAmount: 'actueel bedrag',
  difference: 'verschil',
  earlyWarning: 'vroegtijdige waarschuwing',
  endedOnPrecision: 'precisie van de einddatum',
  entity: 'betreft',
  entries: 'posten',
  errors: 'fouten',
  errorsBasisPoints: 'fouten (basispunten)',
  eventType: 'soort gebeurtenis',
  excess: 'overschrijding',
  extendedAfterEndOn: 'verlengd na afloop op',
  findingId: 'bevinding',
  fiscalYear: 'begrotingsjaar',
  funderName: 'naam van de financier',
  funderPartyId: 'financier',
  group: 'groep',
  headroom: 'ruimte tot de verantwoordingsgrens',
  indicators: 'indicatoren',
  judgement: 'oordeel',
  kinds: 'soorten',
  known: 'bekend',
  label: 'omschrijving',
  lastenByCategory: 'lasten per categorie',
  lastenByGroup: 'lasten per groep',
  launchedOnPrecision: 'precisie van de startdatum',
  law: 'wettelijk',
  legalBasis: 'wettelijke grondslag',
  level: 'niveau',
  lineId: 'regel',
  measure: 'maatstaf',
  mode: 'wijze',
  notInMatrix: 'niet in de matrix',
  offendingEvents: 'betrokken gebeurtenissen',
  origin: 'herkomst',
  ownMeans: 'eigen middelen',
  ownViewRealised: 'gerealiseerd (eigen boeken)',
  ownerName: 'naam van de eigenaar',
  ownerPartyId: 'eigenaar',
  partyId: 'partij',
  passedOn: 'doorgegeven',
  passedOnTo: 'doorgegeven aan',
  programmeId: 'programma',
  reason: 'reden',
  receivedAsFunding: 'ontvangen als financiering',
  receivedByTransfer: 'ontvangen door overheveling',
  recognised: 'verantwoord',
  reconciles: 'sluit aan',
  reconciliation: 'aansluiting',
  regulation: 'regeling',
  regulationCode: 'regelingcode',
  reviewStale: 'beoordeling verouderd',
  reviewState: 'beoordeling',
  serviceKind: 'soort dienst',
  signals: 'signalen',
  specificGrants: 'specifieke uitkeringen',
  specificGrantsHeld: 'specifieke uitkeringen nog te besteden',
  stale: 'verouderd',
  state: 'status',
  statements: 'verantwoordingen',
  streamId: 'stroom',
  supplierPartyId: 'leverancier',
  termEnd: 'einde looptijd',
  termStart: 'begin looptijd',
  threshold: 'drempel',
  thresholdComparison: 'vergelijking met de drempel',
  thresholdId: 'drempel',
  thresholdScope: 'reikwijdte van de drempel',
  thresholdSource: 'bron van de drempel',
  thresholds: 'drempels',
  toBudgetId: 'naar begroting',
  matrixLasten: 'lasten in de matrix',
  uncertainties: 'onzekerheden',
  uncertaintiesBasisPoints: 'onzekerheden (basispunten)',
  units: 'eenheden',
  unknownTaakvelden: 'onbekende taakvelden',
  usedPercent: 'gebruikt (%)',
  verantwoordingsgrensPercent: 'verantwoordingsgrens (%)',
  view: 'weergave',
  warningFrom: 'waarschuwing vanaf',
  // Where the omvangsbasis came from.
  from: 'herkomst',
  withinGoedkeuringstolerantie: 'binnen de goedkeuringstolerantie',
  year: 'jaar',
  // Dutch already.
  taakveld: 'taakveld',
  code: 'code',
  deelwaarneming: 'deelwaarneming',
  omvangsbasis: 'omvangsbasis',
  goedkeuringstolerantie: 'goedkeuringstolerantie',
  rapportagegrens: 'rapportagegrens',
  verantwoordingsgrens: 'verantwoordingsgrens',
  id: 'id',
  via: 'via',
  // What a purchase's orders count in.
  trajectory: 'trajecten',
  hour: 'uren',
  month: 'maanden',
  participant: 'deelnemers',
  'lump-sum': 'vaste bedragen',
};

/** A field of an answer in Dutch; undefined for one without a Dutch name. */
export function figureFieldNl(field: string): string | undefined {
  return FIGURE_FIELDS_NL[field] ?? (FINDING_KINDS_NL as Record<string, string>)[field];
}

/**
 * A word a figure holds (a level, a review state, a kind), in Dutch, by the field that holds it;
 * anything else as it is (an id, a code, a date).
 */
export function figureValueNl(path: string, value: string): string {
  const field = path.slice(path.lastIndexOf('.') + 1);
  const words: Readonly<Record<string, string>> | undefined = VALUE_WORDS_NL[field];
  if (field === 'reviewState' || field === 'state') return reviewStateNl(value);
  if (field === 'eventType') return eventNameNl(value);
  return words?.[value] ?? value;
}

const VALUE_WORDS_NL: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  level: WARNING_LEVELS_NL,
  criterion: CRITERIA_NL,
  category: CATEGORIES_NL,
  group: ECONOMIC_GROUPS_NL,
  kind: { ...PARTY_KINDS_NL, ...SPENDING_KINDS_NL, ...FINDING_KINDS_NL },
  origin: { flag: 'vlag bij de boeking', derived: 'afgeleid' },
  measure: { committed: 'verplicht', realised: 'gerealiseerd' },
  view: { own: 'eigen boeken', consolidated: 'geconsolideerd' },
  againstNorm: { below: 'onder de norm', within: 'binnen de norm', above: 'boven de norm' },
  status: { running: 'lopend', ended: 'beëindigd' },
  via: { transfer: 'overheveling', expense: 'uitgave' },
  from: OMVANGSBASIS_FROM_NL,
};

/** The fields that name an element of a list (see then-and-now), in Dutch. */
const IDENTIFYING_FIELDS_NL: Readonly<Record<string, string>> = {
  partyId: 'partij',
  funderPartyId: 'financier',
  budgetId: 'begroting',
  toBudgetId: 'naar begroting',
  lineId: 'regel',
  programmeId: 'programma',
  findingId: 'bevinding',
  regulationCode: 'regeling',
  year: 'jaar',
  kind: 'soort',
  group: 'groep',
  state: 'status',
  criterion: 'criterium',
  via: 'via',
};

/**
 * A figure's place in an answer, as "what changed since" names it (`whoPaid.ultimateFunders
 * [partyId=x].share`), for people: "wie betaalde › uiteindelijke financiers (partij x) › aandeel".
 * A field without a Dutch name is shown as the API names it.
 */
export function figurePathNl(path: string): string {
  const segments = path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? [];
  const parts: string[] = [];
  for (const segment of segments) {
    if (segment.startsWith('[')) {
      const selector = segment
        .slice(1, -1)
        .split(',')
        .map((pair) => {
          const [field, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
          // The value too, where it is a word (a finding's kind, a review state): an id or a code as it is.
          return pair.includes('=') ? `${IDENTIFYING_FIELDS_NL[field] ?? field} ${figureValueNl(field, value)}` : `nr. ${Number(pair) + 1}`;
        })
        .join(', ');
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''} (${selector})`;
    } else {
      parts.push(figureFieldNl(segment) ?? segment);
    }
  }
  const text = parts.join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
