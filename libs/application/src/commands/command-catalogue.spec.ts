// The catalogue of command kinds: one name and one endpoint per kind, and a path found again.
import { COMMAND_KINDS, commandKindAt, commandKindNamed } from './command-catalogue';
import { takesId } from './command-kind';

describe('the command kinds', () => {
  it('have a name and an endpoint each that no other kind has', () => {
    expect(new Set(COMMAND_KINDS.map((k) => k.kind)).size).toBe(COMMAND_KINDS.length);
    expect(new Set(COMMAND_KINDS.map((k) => k.path)).size).toBe(COMMAND_KINDS.length);
  });

  it('are found by name and by a path, with the entity the path names', () => {
    expect(commandKindNamed('pay-purchase')?.path).toBe('/v1/purchases/:id/payments');
    expect(commandKindAt('/v1/purchases/reha-2024/payments')).toMatchObject({ kind: { kind: 'pay-purchase' }, id: 'reha-2024' });
    expect(commandKindAt('/v1/purchases/')).toMatchObject({ kind: { kind: 'purchase-trajectories' }, id: '' });
    expect(commandKindAt('/v1/purchases/reha-2024/refunds')).toBeUndefined();
    expect(commandKindNamed('delete-everything')).toBeUndefined();
  });

  it('take an id exactly when their endpoint names one', () => {
    for (const kind of COMMAND_KINDS) expect(takesId(kind)).toBe(kind.path.split('/').includes(':id'));
  });
});
