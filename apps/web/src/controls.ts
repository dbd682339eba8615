// The controls pages share: the two dates of every question, the fiscal year, the search box,
// and the export buttons (the files are the API's: the same bytes the command line writes).
import { ApiProblem, download, type Params } from './api';
import { h } from './dom';
import { knowledgeMoment } from './format';
import { section } from './page';
import { href, today, withKept } from './router';
import type { ChangeReport } from './types';

/**
 * "Stand per" (the business date: what had taken effect by then; today when none is picked) and
 * "Zoals bekend op" (knowledge time, for the accountant: what had been recorded by then; now when
 * empty). Each goes into the page's address, so a link reproduces the view.
 */
export function dateControls(on: string | null, asOf: string | null): HTMLElement {
  const onInput = h('input', { id: 'on', name: 'on', type: 'date', value: on ?? today(), 'aria-describedby': 'on-hint' });
  onInput.addEventListener('change', () => (location.hash = withKept('on', onInput.value && onInput.value !== today() ? onInput.value : null)));
  const asOfDate = asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : '';
  const asOfInput = h('input', { id: 'as-of', name: 'asOf', type: 'date', value: asOfDate, max: today(), 'aria-describedby': 'as-of-hint' });
  asOfInput.addEventListener('change', () => (location.hash = withKept('asOf', asOfInput.value || null)));
  return h(
    'div',
    { class: 'dates' },
    h(
      'div',
      { class: 'date-field' },
      h('label', { for: 'on' }, 'Stand per'),
      onInput,
      h('span', { id: 'on-hint', class: 'visually-hidden' }, 'De datum waarop u de stand wilt zien: alleen wat uiterlijk op die dag gold, telt mee.'),
    ),
    h(
      'div',
      { class: 'date-field' },
      h('label', { for: 'as-of' }, 'Zoals bekend op'),
      asOfInput,
      h('span', { id: 'as-of-hint', class: 'visually-hidden' }, 'Voor de accountant: het grootboek zoals het op die datum was vastgelegd. Leeg: zoals nu bekend.'),
      asOf ? h('button', { type: 'button', class: 'secondary small', onclick: () => (location.hash = withKept('asOf', null)) }, 'Nu') : null,
    ),
  );
}

/**
 * A choice of fiscal year for figures given per year; "Alle jaren" for every year, unless the
 * report is one of a single year (the Iv3 matrix, the rechtmatigheid register).
 */
export function yearSelect(years: readonly number[], selected: number | null, options: { allYears?: boolean } = {}): HTMLElement {
  const choices = [...new Set([...years, ...(selected === null ? [] : [selected])])].sort((a, b) => b - a);
  const select = h(
    'select',
    { id: 'year', name: 'year' },
    options.allYears === false ? null : h('option', { value: '', selected: selected === null }, 'Alle jaren'),
    ...choices.map((year) => h('option', { value: String(year), selected: year === selected }, String(year))),
  );
  select.addEventListener('change', () => (location.hash = withKept('year', select.value || null)));
  return h('div', { class: 'year-field no-print' }, h('label', { for: 'year' }, 'Begrotingsjaar'), select);
}

/** Buttons that fetch a report as CSV (for Dutch Excel) or XLSX from the API, with the page's own question. */
export function exportButtons(what: string, params: Params): HTMLElement {
  const status = h('span', { class: 'export-status', role: 'status' });
  const button = (format: 'csv' | 'xlsx', label: string) => {
    const element = h('button', { type: 'button', class: 'secondary', 'data-export': format }, label);
    element.addEventListener('click', () => {
      element.disabled = true;
      status.textContent = 'Bezig…';
      download(`/v1/exports/${what}`, { ...params, format })
        .then((name) => (status.textContent = `Opgeslagen: ${name}`))
        .catch((problem: unknown) => (status.textContent = `Exporteren lukte niet: ${problem instanceof ApiProblem ? (problem.detail ?? problem.title) : String(problem)}`))
        .finally(() => (element.disabled = false));
    });
    return element;
  };
  return h('div', { class: 'exports', role: 'group', 'aria-label': 'Exporteren' }, button('csv', 'CSV (Excel)'), button('xlsx', 'Excel (.xlsx)'), status);
}

/**
 * "Wat is er veranderd sinds…": the moment a letter went out, as a date or the journal position
 * it cites, and the page that sets that report as it was then beside the report now.
 */
export function sinceForm(report: ChangeReport, id: string, year: number | null, then = ''): HTMLElement {
  const input = h('input', { id: 'since', name: 'then', type: 'text', value: then, required: true, maxlength: 40, placeholder: '8-7-2024 of 15', autocomplete: 'off', 'aria-describedby': 'since-hint' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'since no-print', 'data-testid': 'since-form' },
    h('label', { for: 'since' }, 'Sinds (datum of journaalpositie)'),
    h('div', { class: 'since-row' }, input, h('button', { type: 'submit', class: 'secondary' }, 'Vergelijk')),
    h('p', { id: 'since-hint', class: 'hint' }, 'Een datum (8-7-2024 of 2024-07-08): het grootboek zoals het toen was vastgelegd; of een journaalpositie, zoals een raadsbrief die noemt.'),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const moment = knowledgeMoment(input.value);
    if (moment === null) {
      error.textContent = 'Geef een datum (8-7-2024 of 2024-07-08) of een journaalpositie (een heel getal).';
      return;
    }
    // A programme's or budget's report has no year: the year the person picked stays in the address.
    location.hash = href(['changes', report, id], { then: moment, ...(year === null ? {} : { year }) });
  });
  return form;
}

/** The "Wat is er veranderd sinds…" card of a page: on screen only. */
export function sinceSection(report: ChangeReport, id: string, year: number | null, then = ''): HTMLElement {
  const card = section('Wat is er veranderd sinds…', sinceForm(report, id, year, then));
  card.classList.add('no-print');
  return card;
}

export function printButton(): HTMLElement {
  return h('button', { type: 'button', class: 'secondary', onclick: () => print() }, 'Afdrukken');
}

/** The search box in the header: programmes, budgets, parties and providers by name. */
export function searchForm(query: string): HTMLElement {
  const input = h('input', { id: 'search', name: 'q', type: 'search', value: query, minlength: 2, maxlength: 100, placeholder: 'Zoek op naam', autocomplete: 'off' });
  const form = h('form', { class: 'search', role: 'search' }, h('label', { for: 'search', class: 'visually-hidden' }, 'Zoeken naar programma’s, begrotingen, partijen en aanbieders'), input, h('button', { type: 'submit', class: 'secondary small' }, 'Zoek'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (q.length >= 2) location.hash = href(['search'], { q });
  });
  return form;
}
