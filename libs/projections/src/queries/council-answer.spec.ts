import { answerSentences } from './answer-words';
import { composeAnswer, superscript } from './council-answer';
import type { EventReference } from './evidence';
import type { ProgrammeCost } from './programme-cost';

const NBSP = '\u00A0';
const NO_COST = { count: 0, committed: '0.00', obligo: '0.00', realised: '0.00' };

/** A programme's figures as the cost query gives them; each test says what differs. */
function costOf(changes: Partial<ProgrammeCost> = {}): ProgrammeCost {
  return {
    programmeId: 'pilot',
    name: 'Pilot re-integratie',
    ownerPartyId: 'gemeente-heerlen',
    status: 'ended',
    launchedOn: '2024-01-15',
    launchedOnPrecision: 'day',
    endedOn: '2024-06-15',
    endedOnPrecision: 'day',
    continued: false,
    endReason: null,
    committed: '150000.00',
    realised: '150000.00',
    obligo: '0.00',
    settled: '0.00',
    byKind: {
      grant: { count: 1, committed: '100000.00', obligo: '0.00', realised: '100000.00', settled: '0.00' },
      purchase: { count: 1, trajectories: 0, units: {}, committed: '50000.00', obligo: '0.00', realised: '50000.00' },
      personnel: NO_COST,
      'hired-staff': NO_COST,
      operating: NO_COST,
      'wage-cost-subsidy': NO_COST,
      contribution: NO_COST,
      other: NO_COST,
    },
    participants: 28,
    outcomes: {},
    positiveOutcomes: 0,
    costPerParticipant: '5357.14',
    costPerPositiveOutcome: null,
    normBand: { min: '2000.00', max: '2400.00', source: null },
    againstNorm: 'above',
    whoPaid: {
      total: '150000.00',
      directPayers: [],
      ultimateFunders: [
        { partyId: 'azl', name: 'Arbeidsmarktregio Zuid-Limburg', amount: '100000.00', share: '66.67' },
        { partyId: 'heerlen', name: 'Gemeente Heerlen', amount: '50000.00', share: '33.33' },
      ],
      uncovered: '0.00',
    },
    asOf: null,
    on: null,
    journal: { position: 20, treeSize: 20, rootHash: 'ab'.repeat(32), recordedAt: null },
    readModels: { position: 20, digest: 'cd'.repeat(32) },
    ...changes,
  };
}

function event(position: number, type: string, sourceReference: string | undefined, effectiveDate: string, precision?: 'month' | 'year'): EventReference {
  return {
    position,
    eventId: `event-${position}`,
    type,
    streamId: 'programme-pilot',
    effectiveDate,
    ...(precision ? { effectiveDatePrecision: precision } : {}),
    recordedAt: '2026-01-01T00:00:00.000Z',
    hash: '00'.repeat(32),
    ...(sourceReference ? { sourceReference } : {}),
  };
}

const EVIDENCE = {
  programme: [event(13, 'ProgrammeLaunched', 'Raadsinformatie pilot', '2024-01-15')],
  status: [event(19, 'ProgrammeEnded', 'Beantwoording art. 33 vragen 8 juli 2024', '2024-06-15', 'month')],
  participants: [event(18, 'ParticipantsEnrolled', 'Deelnemerslijst', '2024-06-15')],
  committed: [event(14, 'GrantAwarded', 'Beschikking AZL', '2024-02-01'), event(16, 'TrajectoriesPurchased', 'Opdracht Heerlen', '2024-02-01')],
  realised: [event(15, 'GrantAdvancePaid', 'Beschikking AZL', '2024-02-15'), event(17, 'PurchasePaid', 'Opdracht Heerlen', '2024-03-01')],
  whoPaid: [event(15, 'GrantAdvancePaid', 'Beschikking AZL', '2024-02-15'), event(17, 'PurchasePaid', 'Opdracht Heerlen', '2024-03-01')],
  outcomes: [event(21, 'OutcomesRecorded', 'Rapportage uitstroom', '2024-06-30')],
};

const dutch = (cost: ProgrammeCost) => composeAnswer(answerSentences(cost, 'nl'), EVIDENCE, 'nl');
const english = (cost: ProgrammeCost) => composeAnswer(answerSentences(cost, 'en'), EVIDENCE, 'en');

describe('the council answer', () => {
  describe('what it says about cost', () => {
    it('says a fully paid cost is paid, not that € 0,00 is still to pay', () => {
      const { text } = dutch(costOf());
      expect(text).toContain(`De kosten bedragen €${NBSP}150.000,00; dat bedrag is volledig betaald.`);
      expect(text).not.toContain('moet nog');
    });

    it('says what is still to pay when part of it is', () => {
      const { text } = dutch(costOf({ realised: '100000.00', obligo: '50000.00' }));
      expect(text).toContain(`daarvan is €${NBSP}100.000,00 betaald en moet nog €${NBSP}50.000,00 worden betaald.`);
    });

    it('says nothing was paid yet, and that no cost was recorded when none was', () => {
      expect(dutch(costOf({ realised: '0.00', obligo: '150000.00' })).text).toContain('daarvan is nog niets betaald.');
      const nothing = { committed: '0.00', realised: '0.00', obligo: '0.00', costPerParticipant: null };
      const none = dutch(costOf({ ...nothing, whoPaid: { total: '0.00', directPayers: [], ultimateFunders: [], uncovered: '0.00' } })).text;
      expect(none).toContain('Er zijn nog geen kosten vastgelegd.');
      expect(none).not.toContain('€');
    });

    it('keeps every euro sign on the line of its amount', () => {
      const { text } = dutch(costOf());
      expect(text).not.toMatch(/€ /);
      expect(text.match(new RegExp(`€${NBSP}\\d`, 'g'))!.length).toBe(6);
    });
  });

  describe('what it leaves out', () => {
    it('says nothing of participants, or the cost per participant, when none were recorded', () => {
      const { text, sentences } = dutch(costOf({ participants: 0, costPerParticipant: null }));
      expect(text).not.toMatch(/deelgenomen|deelnemer/);
      expect(text).not.toContain('[]');
      for (const sentence of sentences) expect(sentence.text).not.toMatch(/\b0 mensen\b/);
    });

    it('says nothing of outcomes when none were recorded, and counts them when some were', () => {
      expect(dutch(costOf()).text).not.toContain('uitgestroomd');
      const { text } = dutch(costOf({ outcomes: { work: 4, education: 1 }, positiveOutcomes: 5 }));
      expect(text).toContain('5 deelnemers zijn uitgestroomd: 4 naar werk en 1 naar een opleiding.');
      expect(english(costOf({ outcomes: { work: 1 }, positiveOutcomes: 1 })).text).toContain('1 participant moved on: 1 to work.');
    });

    it('does not state more outcomes than participants as a fact, but says the figure is being checked', () => {
      const { text } = dutch(costOf({ participants: 40, outcomes: { work: 100, other: 9 }, positiveOutcomes: 100 }));
      expect(text).not.toContain('109 deelnemers zijn uitgestroomd');
      expect(text).toContain('Er is uitstroom vastgelegd voor 109 deelnemers (100 naar werk en 9 op een andere manier), meer dan de 40 die hebben deelgenomen; dat cijfer wordt nagegaan.');
      expect(english(costOf({ participants: 2, outcomes: { work: 3 }, positiveOutcomes: 3 })).text).toContain('more than the 2 who took part');
    });
  });

  describe('dates', () => {
    it('states a date known to the month as the month', () => {
      const { text, sentences } = dutch(costOf({ endedOnPrecision: 'month' }));
      expect(text).toContain('is in juni 2024 beëindigd en wordt niet voortgezet.');
      expect(sentences[0].text).not.toContain('15 juni');
      expect(english(costOf({ endedOnPrecision: 'month' })).text).toContain('ended in June 2024 and is not continued.');
    });

    it('states a date known to the day as the day, and one known to the year as the year', () => {
      expect(dutch(costOf()).text).toContain('is op 15 juni 2024 beëindigd');
      expect(dutch(costOf({ endedOnPrecision: 'year' })).text).toContain('is in 2024 beëindigd');
    });
  });

  describe('footnotes', () => {
    it('ends each sentence in footnote marks, one footnote per document, numbered as they first appear', () => {
      const answer = dutch(costOf());
      expect(answer.footnotes.map((f) => f.sourceReference)).toEqual([
        'Beantwoording art. 33 vragen 8 juli 2024',
        'Deelnemerslijst',
        'Beschikking AZL',
        'Opdracht Heerlen',
        'Raadsinformatie pilot',
      ]);
      const cost = answer.sentences.find((s) => s.text.startsWith('De kosten bedragen'))!;
      expect(cost.footnotes).toEqual([3, 4]);
      expect(cost.references).toEqual([14, 15, 16, 17]);
      expect(answer.text).toContain(`${cost.text}³˒⁴`);
    });

    it('names the document, the dates as exactly as known and the journal positions, not bare positions', () => {
      const { text, footnotes } = dutch(costOf());
      expect(footnotes[0].text).toBe('Beantwoording art. 33 vragen 8 juli 2024 (juni 2024; journaalpositie 19)');
      expect(footnotes[2].text).toBe('Beschikking AZL (1 februari 2024, 15 februari 2024; journaalposities 14, 15)');
      expect(text).toContain('\n\nBronnen:\n¹ Beantwoording art. 33 vragen 8 juli 2024 (juni 2024; journaalpositie 19)\n² Deelnemerslijst');
      expect(text).not.toMatch(/\[\d/);
    });

    it("cites where the norm band comes from, as a footnote of the sentence that states it", () => {
      const answer = dutch(costOf({ normBand: { min: '2000.00', max: '2400.00', source: 'Raadsinformatiebrief 8 april 2024' } }));
      const perParticipant = answer.sentences.find((s) => s.text.includes('per deelnemer'))!;
      expect(perParticipant.text).toBe(`De kosten per deelnemer bedragen €${NBSP}5.357,14; dat ligt boven de normband van €${NBSP}2.000,00 – €${NBSP}2.400,00.`);
      const norm = answer.footnotes.find((f) => f.sourceReference === 'Raadsinformatiebrief 8 april 2024')!;
      expect(perParticipant.footnotes).toContain(norm.number);
      expect(norm.text).toBe('Raadsinformatiebrief 8 april 2024');
      expect(norm.positions).toEqual([]);
    });

    it('writes marks past nine as superscript digits', () => {
      expect(superscript(12)).toBe('¹²');
    });
  });
});
