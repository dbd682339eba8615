// A figure's place in an answer, as "what changed since" shows it to a controller.
import { ACCESS_EVENT_TYPES, EVENT_TYPES } from '@geldstroom/ledger';
import { FINDING_KINDS } from '../findings/finding';
import { EVENT_NAMES_NL, eventNameNl, FINDING_KINDS_NL, findingKindNl, figurePathNl, figureValueNl } from './nl';

describe('the catalogue in Dutch', () => {
  it('names every event type of the catalogue, and the access events, in Dutch, each with a name of its own', () => {
    const types = [...EVENT_TYPES, ...ACCESS_EVENT_TYPES];
    expect(Object.keys(EVENT_NAMES_NL).sort()).toEqual([...types].sort());
    for (const type of types) expect(eventNameNl(type)).not.toBe(type);
    expect(new Set(types.map(eventNameNl)).size).toBe(types.length);
  });

  it('names every finding kind in Dutch, each with a name of its own', () => {
    expect(Object.keys(FINDING_KINDS_NL).sort()).toEqual([...FINDING_KINDS].sort());
    for (const kind of FINDING_KINDS) expect(findingKindNl(kind)).not.toBe(kind);
    expect(new Set(FINDING_KINDS.map(findingKindNl)).size).toBe(FINDING_KINDS.length);
  });
});

describe('figurePathNl', () => {
  it('names each field in Dutch and an element of a list by what identifies it', () => {
    expect(figurePathNl('whoPaid.ultimateFunders[partyId=gemeente-heerlen].share')).toBe('Wie betaalde › uiteindelijke financiers (partij gemeente-heerlen) › aandeel');
    expect(figurePathNl('lines[lineId=regel-1].available')).toBe('Regels (regel regel-1) › beschikbaar');
    expect(figurePathNl('byKind.grant.committed')).toBe('Per soort › subsidies › verplicht');
    expect(figurePathNl('byKind.hired-staff.obligo')).toBe('Per soort › inhuur › obligo');
  });

  it('keeps a value with a point in it whole, and numbers an element without identifiers from one', () => {
    expect(figurePathNl('rows[taakveld=6.4,year=2024].lasten')).toBe('Rijen (taakveld 6.4, jaar 2024) › lasten');
    expect(figurePathNl('statements[0].amount')).toBe('Verantwoordingen (nr. 1) › bedrag');
  });

  it('says a word that names an element in Dutch, as a figure holding it is said: a finding\'s kind, a review state', () => {
    expect(figurePathNl('findings.findings[kind=call-off-above-ceiling,id=f-1].detail.excess')).toBe(
      'Bevindingen › bevindingen (soort Afroepen boven het plafond van het contract, id f-1) › details › overschrijding',
    );
    expect(figurePathNl('byReviewState[state=to-be-corrected].count')).toBe('Per beoordeling (status te corrigeren) › aantal');
    expect(figurePathNl('years[year=2024].contributions[partyId=wsp,via=transfer].realised')).toBe('Jaren (jaar 2024) › bijdragen (partij wsp, via overheveling) › gerealiseerd');
  });

  it('shows a field it has no Dutch name for as the API names it', () => {
    expect(figurePathNl('somethingNew.committed')).toBe('SomethingNew › verplicht');
  });
});

describe('figureValueNl', () => {
  it('says a word a figure holds in Dutch by the field that holds it, and an id or a code as it is', () => {
    expect(figureValueNl('earlyWarning.level', 'over')).toBe('boven de verantwoordingsgrens');
    expect(figureValueNl('entries[findingId=x].reviewState', 'not-reviewed')).toBe('nog niet beoordeeld');
    expect(figureValueNl('entries[findingId=x].criterion', 'misbruik-en-oneigenlijk-gebruik')).toBe('misbruik en oneigenlijk gebruik');
    expect(figureValueNl('findings.findings[kind=budget-overrun,id=y].kind', 'budget-overrun')).toBe('Meer verplicht en betaald dan de begroting');
    expect(figureValueNl('againstNorm', 'above')).toBe('boven de norm');
    expect(figureValueNl('status', 'ended')).toBe('beëindigd');
    expect(figureValueNl('entries[findingId=x].entity.id', 'over')).toBe('over');
  });
});
