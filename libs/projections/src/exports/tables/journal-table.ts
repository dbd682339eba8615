// The journal as a table: every event up to the cut (the filtered ones, when filters are given),
// as the API's journal pages give them (token hashes withheld), with its Dutch name, amount and party.
import { journalPage, JOURNAL_PAGE_MAX, type JournalFilter } from '../../queries/journal';
import { eventNameNl } from '../../vocabulary/nl';
import type { TableSource } from '../export-tables';
import { column, type Cell, type TableBody } from '../table';

const COLUMNS = [
  column('positie', 'integer'),
  column('vastgelegd op'),
  column('gebeurtenis'),
  column('type'),
  column('stroom'),
  column('revisie', 'integer'),
  column('ingangsdatum'),
  column('bedrag (EUR)', 'money'),
  column('partij-id'),
  column('partij'),
  column('vastgelegd door'),
  column('bron'),
  column('gebeurtenis-id'),
  column('hash'),
  column('vorige hash'),
  column('gegevens'),
  column('metadata'),
];

export function journalTable(source: TableSource, filter: JournalFilter): TableBody {
  return { columns: COLUMNS, rows: journalRows(source, filter) };
}

async function* journalRows({ store, reader, cut }: TableSource, filter: JournalFilter): AsyncIterable<readonly Cell[]> {
  let after = 0;
  for (;;) {
    const page = await journalPage(store, reader, { after, limit: JOURNAL_PAGE_MAX, filter, cut });
    for (const event of page.events) {
      const { metadata, data } = event;
      yield [
        event.position,
        event.recordedAt,
        eventNameNl(event.type),
        event.type,
        event.streamId,
        event.revision,
        event.effectiveDate,
        event.amount,
        event.counterparty?.partyId ?? null,
        event.counterparty?.name ?? null,
        typeof metadata.actor === 'string' ? metadata.actor : null,
        typeof metadata.sourceReference === 'string' ? metadata.sourceReference : null,
        event.eventId,
        event.hash,
        event.previousHash,
        JSON.stringify(data),
        JSON.stringify(metadata),
      ];
    }
    if (page.next === null) return;
    after = page.next;
  }
}
