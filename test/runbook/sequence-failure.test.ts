// How a failed operation stops a one-at-a-time sequence (pure words): a drain blocked by a PDB
// names the budget and pod and what to do; an UpgradeFailed about something else is not called a
// drain failure; a 409 says another operation runs.
import { describe, expect, it } from 'vitest';
import { operationFailure } from '../../src/runbook/cluster-operation.js';

function linesOf(failure: Parameters<typeof operationFailure>[0]): string {
  const outcome = operationFailure(
    failure,
    'pool system (System, 2 nodes) 1.30.12 → 1.31.8',
    'aks-api-prod',
  );
  if (outcome.kind !== 'stopped') throw new Error('expected a stop');
  return [outcome.reason, ...outcome.lines].join('\n');
}

describe('operationFailure', () => {
  it('names the PDB, the pod, how to look and the rerun', () => {
    const text = linesOf({
      code: 'UpgradeFailed',
      message:
        'Drain node aks-system-1 failed when evicting pod ledger-0 failed with Too Many Requests error. PDB debug info: default/ledger-0 blocked by pdb ledger',
    });
    expect(text).toMatch(
      /PodDisruptionBudget default\/ledger would not let AKS evict pod ledger-0/,
    );
    expect(text).toMatch(/kubectl get pdb -n default ledger \(on aks-api-prod\)/);
    expect(text).toMatch(/run the same command again: the sequence picks up at this cluster/);
  });

  it("ARM's 412 to a stale If-Match says the cluster changed since read and nothing changed", () => {
    const text = linesOf({
      statusCode: 412,
      code: 'PreconditionFailed',
      message: 'Operation failed: the eTag "a" does not match the current eTag "b".',
    });
    expect(text).toMatch(/was refused: aks-api-prod changed after it was read/);
    expect(text).toMatch(/nothing was changed/);
    expect(text).toMatch(/run the same command again/);
  });

  it('a drain timeout without a named budget is still a drain failure', () => {
    expect(
      linesOf({ code: 'UpgradeFailed', message: 'Drain of node x did not complete in 30 minutes' }),
    ).toMatch(/could not drain a node in time/);
  });

  it('an UpgradeFailed about a VM extension is not called a drain failure', () => {
    const text = linesOf({
      code: 'UpgradeFailed',
      message: 'VM extension provisioning failed on aks-system-1',
    });
    expect(text).not.toMatch(/drain|PodDisruptionBudget/i);
    expect(text).toMatch(/failed: UpgradeFailed/);
    expect(text).toMatch(/AKS said: VM extension provisioning failed/);
  });

  it('a 409 says another operation is running and to wait', () => {
    const text = linesOf({
      statusCode: 409,
      code: 'OperationNotAllowed',
      message: 'Operation is not allowed: another operation (Upgrading) is in progress',
    });
    expect(text).toMatch(/another operation is running on aks-api-prod/);
    expect(text).toMatch(/Wait for it to end/);
  });
});
