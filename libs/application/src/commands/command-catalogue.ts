// Every kind of command the ledger takes as JSON, by name and by endpoint. Documents are not
// here: they are uploaded as multipart files, one at a time (see apps/api/src/documents).
import type { CommandKind } from './command-kind';
import * as ledger from './ledger.kinds';
import * as money from './money.kinds';
import * as ownCosts from './own-costs.kinds';

export const COMMAND_KINDS: readonly CommandKind[] = [...Object.values(ledger), ...Object.values(money), ...Object.values(ownCosts)] as CommandKind[];

const BY_NAME = new Map(COMMAND_KINDS.map((kind) => [kind.kind, kind]));

export const COMMAND_KIND_NAMES: readonly string[] = COMMAND_KINDS.map((kind) => kind.kind);

export function commandKindNamed(name: string): CommandKind | undefined {
  return BY_NAME.get(name);
}

/** The kind a `POST <path>` is, with the path's `:id`; undefined for a path no kind answers on. */
export function commandKindAt(path: string): { kind: CommandKind; id: string } | undefined {
  const segments = path.replace(/\/+$/, '').split('/');
  for (const kind of COMMAND_KINDS) {
    const pattern = kind.path.split('/');
    if (pattern.length !== segments.length) continue;
    let id = '';
    const fits = pattern.every((part, i) => {
      if (part !== ':id') return part === segments[i];
      id = decodeURIComponent(segments[i]);
      return true;
    });
    if (fits) return { kind, id };
  }
  return undefined;
}
