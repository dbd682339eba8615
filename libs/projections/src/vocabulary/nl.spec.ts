// A figure's place in an answer, as "what changed since" shows it to a controller.
import { figurePathNl } from './nl';

describe('figurePathNl', () => {
  it('names each field in Dutch and an element of a list by what identifies it', () => {
    expect(figurePathNl('whoPaid.ultimateFunders[partyId=gemeente-heerlen].share')).toBe('Wie betaalde › uiteindelijke financiers (partij gemeente-heerlen) › aandeel');
    expect(figurePathNl('lines[lineId=regel-1].available')).toBe('Regels (regel regel-1) › beschikbaar');
    expect(figurePathNl('byKind.grant.committed')).toBe('Per soort › subsidies › verplicht');
    expect(figurePathNl('byKind.hired-staff.obligo')).toBe('Per soort › inhuur › obligo');
  });

  it('keeps a value with a point in it whole, and numbers an element without identifiers from one', () => {
    expect(figurePathNl('rows[taakveld=6.4,year=2024].lasten')).toBe('Rijen (taakveld 6.4, jaar 2024) › lasten');
    expect(figurePathNl('statements[0].amount')).toBe('Statements (nr. 1) › bedrag');
  });

  it('shows a field it has no Dutch name for as the API names it', () => {
    expect(figurePathNl('somethingNew.committed')).toBe('SomethingNew › verplicht');
  });
});
