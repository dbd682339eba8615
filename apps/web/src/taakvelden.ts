// The names of the taakvelden beside their codes ("6.5 Arbeidsparticipatie"), as the catalogue in
// force for a fiscal year names them: fetched once per year and kept for the tab's life.
import { ApiProblem, getJson } from './api';
import type { TaakveldenAnswer } from './types';

const byYear = new Map<number, Promise<ReadonlyMap<string, string>>>();

export function taakveldNames(year: number): Promise<ReadonlyMap<string, string>> {
  let names = byYear.get(year);
  if (!names) {
    names = getJson<TaakveldenAnswer>('/v1/taakvelden', { year }).then(
      (answer) => new Map(answer.taakvelden.map((t) => [t.code, t.name])),
      // A year no catalogue covers shows codes alone.
      (problem: unknown) => {
        if (problem instanceof ApiProblem && problem.status === 404) return new Map<string, string>();
        byYear.delete(year);
        throw problem;
      },
    );
    byYear.set(year, names);
  }
  return names;
}

/** "6.5 Arbeidsparticipatie", or the code alone when the catalogue does not name it for the year. */
export function taakveldLabel(code: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(code);
  return name ? `${code} ${name}` : code;
}
