import { deciderSpec } from '../testing/decider-spec';
import type { CreatePrincipal, IssuePrincipalToken, RevokePrincipal } from './access.commands';
import { accessDecider } from './access.decider';
import type { PrincipalCreated, PrincipalRevoked } from './access.events';

const HEERLEN = new Map([['party-gemeente-heerlen', { exists: true }]]);
const given = deciderSpec(accessDecider, { knowing: HEERLEN });

const token = (n: number) => ({ tokenId: n.toString(16).padStart(16, '0'), tokenHash: n.toString(16).padStart(64, '0') });

const create = (overrides: Partial<CreatePrincipal> = {}): CreatePrincipal => ({
  type: 'CreatePrincipal',
  principalId: 'recorder-heerlen',
  role: 'recorder',
  scope: ['gemeente-heerlen'],
  label: 'Financiële administratie Heerlen',
  ...token(1),
  ...overrides,
});
const created = (principalId: string, role: PrincipalCreated['data']['role'], n: number): PrincipalCreated => ({
  type: 'PrincipalCreated',
  data: { principalId, role, scope: role === 'recorder' ? ['gemeente-heerlen'] : 'all', label: 'Financiële administratie Heerlen', ...token(n) },
});
const revoked = (principalId: string): PrincipalRevoked => ({ type: 'PrincipalRevoked', data: { principalId, reason: 'Vertrokken' } });
const revoke = (principalId: string): RevokePrincipal => ({ type: 'RevokePrincipal', principalId, reason: 'Vertrokken' });
const issue = (principalId: string): IssuePrincipalToken => ({ type: 'IssuePrincipalToken', principalId, ...token(9) });

const admin = created('admin', 'admin', 2);
const recorder = created('recorder-heerlen', 'recorder', 1);

describe('access decider', () => {
  describe('when a principal is made', () => {
    it('records it with its token’s id and hash', () => given([admin]).when(create()).then([recorder]));
    it('records an admin, unscoped', () =>
      given([admin]).when(create({ principalId: 'admin-2', role: 'admin', scope: 'all', ...token(3) })).then([created('admin-2', 'admin', 3)]));
    it('refuses a recorder scoped to a party that does not exist', () =>
      given([admin]).when(create({ scope: ['gemeente-heerlen', 'gemeente-nergens'] })).thenRefused('not-found', 'parties', /gemeente-nergens/));
    it('refuses a recorder with no parties', () => given([admin]).when(create({ scope: [] })).thenRefused('invalid-value', 'parties'));
    it('refuses a reader scoped to parties', () => given([admin]).when(create({ role: 'controller' })).thenRefused('invalid-value', 'parties'));
    it('refuses an unknown role', () => given([admin]).when(create({ role: 'owner' as never })).thenRefused('invalid-value', 'role'));
    it("records a party reader for the parties whose own views it reads", () =>
      given([admin])
        .when(create({ principalId: 'lezer-heerlen', role: 'party-reader', ...token(4) }))
        .then([{ type: 'PrincipalCreated', data: { principalId: 'lezer-heerlen', role: 'party-reader', scope: ['gemeente-heerlen'], label: 'Financiële administratie Heerlen', ...token(4) } }]));
    it('refuses a party reader of all parties, or of none', () => {
      given([admin]).when(create({ role: 'party-reader', scope: 'all' })).thenRefused('invalid-value', 'parties', /never "all"/);
      given([admin]).when(create({ role: 'party-reader', scope: [] })).thenRefused('invalid-value', 'parties');
    });
    it('refuses a party reader of a party that does not exist', () =>
      given([admin]).when(create({ role: 'party-reader', scope: ['gemeente-nergens'] })).thenRefused('not-found', 'parties', /a party-reader is scoped to parties that exist/));
    it('refuses a label holding a BSN', () => given([admin]).when(create({ label: 'J. Jansen 123456782' })).thenRefused('personal-data', 'label'));
    it.each(['command-line', 'geldstroom-first-start'])('refuses the id %s: the audit trail would take the principal for the ledger itself', (principalId) =>
      given([admin]).when(create({ principalId })).thenRefused('invalid-value', 'principalId'));
    it('refuses a malformed token hash', () => given([admin]).when(create({ tokenHash: 'x' })).thenRefused('invalid-value', 'token'));
    it('refuses an id used before, even for a revoked principal', () =>
      given([admin, recorder, revoked('recorder-heerlen')]).when(create()).thenRefused('already-exists', 'principalId'));
  });

  describe('when a principal is active', () => {
    it('issues it a new token', () =>
      given([admin, recorder]).when(issue('recorder-heerlen')).then([{ type: 'PrincipalTokenIssued', data: { principalId: 'recorder-heerlen', ...token(9) } }]));
    it('revokes it', () => given([admin, recorder]).when(revoke('recorder-heerlen')).then([revoked('recorder-heerlen')]));
    it('revokes an admin while another stays', () =>
      given([admin, created('admin-2', 'admin', 3)]).when(revoke('admin')).then([revoked('admin')]));
    it('refuses to revoke the last active admin', () =>
      given([admin, recorder, created('admin-2', 'admin', 3), revoked('admin-2')]).when(revoke('admin')).thenRefused('invalid-state', 'principalId', /last active admin/));
    it('refuses a revocation without a reason', () => given([admin, recorder]).when({ ...revoke('recorder-heerlen'), reason: ' ' }).thenRefused('invalid-value', 'reason'));
  });

  describe('when a principal is revoked or unknown', () => {
    it('refuses a new token', () => given([admin, recorder, revoked('recorder-heerlen')]).when(issue('recorder-heerlen')).thenRefused('not-found', 'principalId'));
    it('refuses a second revocation', () => given([admin, recorder, revoked('recorder-heerlen')]).when(revoke('recorder-heerlen')).thenRefused('not-found'));
    it('refuses to revoke someone never made', () => given([admin]).when(revoke('niemand')).thenRefused('not-found', 'principalId'));
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses it', () => given([]).when({ type: 'RegisterParty' } as never).thenRefused('invalid-value', 'type'));
  });
});
