// Which roles may do what: the HTTP guard checks an endpoint's rule with this, and the batch
// endpoint and the in-process command path check each command's rule with the same table.
import { aRole } from '@geldstroom/ledger';
import type { Role } from './principal';

export type AccessRule = 'public' | 'read' | 'own-view' | 'record' | 'review' | 'attach' | 'command' | 'admin';

export const ALLOWED: Record<Exclude<AccessRule, 'public'>, readonly Role[]> = {
  read: ['recorder', 'controller', 'accountant', 'admin'],
  // A party's own view: whoever reads the ledger, and a party reader for the parties it is given
  // (checked where the party is known: the endpoint names where it reads it from).
  'own-view': ['recorder', 'controller', 'accountant', 'admin', 'party-reader'],
  record: ['recorder'],
  review: ['controller', 'accountant'],
  // A recorder only for the parties it records for: checked where the fact's party is known.
  attach: ['recorder', 'controller', 'accountant'],
  // A batch: whoever may send some command; each command is then held to its own kind's rule.
  command: ['recorder', 'controller', 'accountant'],
  admin: ['admin'],
};

export function describeRule(rule: Exclude<AccessRule, 'public'>): string {
  return {
    read: 'read the ledger',
    'own-view': "read a party's own view",
    record: 'record in the ledger',
    review: 'review findings (a controller or an accountant does)',
    attach: 'attach documents to the ledger',
    command: 'send commands to the ledger',
    admin: 'manage principals',
  }[rule];
}

/** What a role may not do, as a refusal says it: "an admin may not record in the ledger". */
export function mayNot(role: Role, rule: Exclude<AccessRule, 'public'>): string {
  return `${aRole(role)} may not ${describeRule(rule)}`;
}
