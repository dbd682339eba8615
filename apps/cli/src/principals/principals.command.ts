// `principals create|list|revoke`: who may use the API, managed from the command line over the
// configured store (the access stream, in the journal). A new token is printed once, never kept.
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { describePersonalData, ENTITY_ID_PATTERN, personalDataIn, SCOPED_ROLES } from '@geldstroom/ledger';
import { AccessRegistry } from '@geldstroom/application/access/access-registry';
import { ROLES, type Role, type Scope } from '@geldstroom/application/access/principal';
import { SCOPE_PARTIES_MAX } from '../../../api/src/access/principals.controller';
import { TEXT_LENGTH_MAX } from '@geldstroom/application/commands/validators';
import { CLI_ACTOR, configure, say, withStore, withStoreKeepingDigests, type LedgerOptions } from '../cli-context';
import { LedgerCommand } from '../ledger-command';

interface CreateOptions extends LedgerOptions {
  readonly role: Role;
  readonly parties?: Scope;
  readonly label: string;
}

@SubCommand({
  name: 'create',
  arguments: '<principalId>',
  argsDescription: { principalId: 'id of the new principal: lower-case letters, digits and dashes, e.g. recorder-heerlen' },
  description: 'Make a principal and print its bearer token, once: the ledger keeps only its hash.',
})
export class CreatePrincipalCommand extends LedgerCommand {
  @Option({ flags: '--role <role>', description: `one of ${ROLES.join(', ')}`, choices: [...ROLES], required: true })
  parseRole(value: string): string {
    return value;
  }

  @Option({
    flags: '--parties <parties>',
    description: 'for a recorder: the party ids it records for, comma-separated, or "all" (default all); for a party-reader: the party ids whose own views it reads (required)',
  })
  parseParties(value: string): Scope {
    if (value === 'all') return 'all';
    const parties = value.split(',').map((p) => p.trim());
    if (parties.length > SCOPE_PARTIES_MAX || parties.some((p) => !ENTITY_ID_PATTERN.test(p))) {
      throw new Error(`--parties must be "all" or up to ${SCOPE_PARTIES_MAX} party ids separated by commas`);
    }
    return parties;
  }

  @Option({ flags: '--label <text>', description: 'what the key is for: a function, never a person\'s name', required: true })
  parseLabel(value: string): string {
    return checkedText(value, '--label');
  }

  async run([principalId]: string[], options: CreateOptions): Promise<void> {
    if (!ENTITY_ID_PATTERN.test(principalId)) throw new Error(`a principal id must match ${ENTITY_ID_PATTERN.source}`);
    const config = configure(options);
    if (options.role === 'party-reader' && options.parties === undefined) throw new Error('a party-reader needs --parties: the party ids whose own views it reads');
    const scope: Scope = SCOPED_ROLES.includes(options.role) ? (options.parties ?? 'all') : 'all';
    const { principal, token } = await withStoreKeepingDigests(config, (store) =>
      AccessRegistry.onStore(store).create({ principalId, role: options.role, scope, label: options.label }, CLI_ACTOR),
    );
    say(`Made ${principal.role} ${principal.principalId}${SCOPED_ROLES.includes(principal.role) ? ` for ${scopeText(principal.scope)}` : ''}.`);
    say(`Its token, shown this once (the ledger keeps only its hash):`);
    say();
    say(`  ${token}`);
    say();
  }
}

@SubCommand({ name: 'list', description: 'List every principal: id, role, scope, label, made at, and whether revoked.' })
export class ListPrincipalsCommand extends LedgerCommand {
  @Option({ flags: '--json', description: 'print JSON instead of a table' })
  parseJson(): boolean {
    return true;
  }

  async run(_: string[], options: LedgerOptions & { json?: boolean }): Promise<void> {
    const config = configure(options);
    const principals = await withStore(config, (store) => AccessRegistry.onStore(store).list());
    if (options.json) {
      say(JSON.stringify(principals, null, 2));
      return;
    }
    for (const p of principals) {
      say([p.principalId, p.role, scopeText(p.scope), p.revoked ? 'revoked' : 'active', p.createdAt, p.label].join('\t'));
    }
  }
}

@SubCommand({
  name: 'revoke',
  arguments: '<principalId>',
  argsDescription: { principalId: 'the principal whose access ends' },
  description: 'Revoke a principal: its tokens stop working (within 5 s on a running API).',
})
export class RevokePrincipalCommand extends LedgerCommand {
  @Option({ flags: '--reason <text>', description: 'why access ends (recorded in the journal)', required: true })
  parseReason(value: string): string {
    return checkedText(value, '--reason');
  }

  async run([principalId]: string[], options: LedgerOptions & { reason: string }): Promise<void> {
    const config = configure(options);
    await withStoreKeepingDigests(config, (store) => AccessRegistry.onStore(store).revoke(principalId, options.reason, CLI_ACTOR));
    say(`Revoked ${principalId}.`);
  }
}

@Command({
  name: 'principals',
  description: 'Manage who may use the API: create, list or revoke principals (the access stream in the journal).',
  subCommands: [CreatePrincipalCommand, ListPrincipalsCommand, RevokePrincipalCommand],
})
export class PrincipalsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help({ error: true });
  }
}

function scopeText(scope: Scope): string {
  return scope === 'all' ? 'all parties' : scope.join(', ');
}

/** The access stream is in the journal: the same limits as the API, and no personal data. */
function checkedText(value: string, option: string): string {
  if (!/\S/.test(value) || value.length > TEXT_LENGTH_MAX) throw new Error(`${option} must be 1 to ${TEXT_LENGTH_MAX} characters`);
  const personal = personalDataIn(value);
  if (personal) throw new Error(`${option} holds ${describePersonalData(personal)}: the ledger keeps no personal data`);
  return value;
}
