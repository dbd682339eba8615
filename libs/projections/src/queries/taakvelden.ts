// The taakvelden of a year by code and name, as the catalogue in force for it lists them: what
// the web page shows beside a budget's code ("6.4 Begeleide participatie").
import { catalogueFor, type Iv3Catalogue } from '../reports/rules/iv3-catalogue';
import { citation } from '../reports/rules/rule-data';

export interface TaakveldenAnswer {
  readonly year: number;
  readonly catalogueId: string;
  /** The catalogue's first source, as one citable line. */
  readonly source: string;
  readonly taakvelden: readonly { readonly code: string; readonly name: string }[];
}

/** Undefined when no version of the catalogue covers the year. */
export function taakveldenOf(catalogue: Iv3Catalogue, year: number): TaakveldenAnswer | undefined {
  const version = catalogueFor(catalogue, year);
  if (!version) return undefined;
  return { year, catalogueId: version.id, source: citation(version.sources[0]), taakvelden: version.taakvelden.map(({ code, name }) => ({ code, name })) };
}
