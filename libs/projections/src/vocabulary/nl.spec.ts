// A figure's place in an answer, as "what changed since" shows it to a controller.
import { figurePathNl, figureValueNl } from './nl';

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
