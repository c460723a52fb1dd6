// What an AKS upgrade failure is said to be: by AKS's code first, and only called a drain
// failure when AKS's message is about draining.
import { describe, expect, it } from 'vitest';
import { explainFailure, type ArmFailure } from '../../src/steps/rotation/explain.js';

const said = (f: ArmFailure) => explainFailure(f, 'Upgrade of pool apps').join('\n');

describe('explainFailure', () => {
  it('a PDB-blocked drain names the budget, the pod and the ways out', () => {
    const text = said({
      code: 'UpgradeFailed',
      message:
        'Drain node aks-apps-1 failed when evicting pod web-1 failed with Too Many Requests error. PDB debug info: shop/web-1 blocked by pdb web-pdb with 0 unready pods.',
    });
    expect(text).toContain('PodDisruptionBudget shop/web-pdb');
    expect(text).toContain('pod web-1');
    expect(text).toContain('undrainableNodeBehavior');
  });

  it('UpgradeFailed for another cause is not called a drain failure', () => {
    const text = said({
      code: 'UpgradeFailed',
      message: 'VM extension provisioning failed on aks-apps-1: exit status 50.',
    });
    expect(text).not.toMatch(/drain|PodDisruptionBudget/i);
    expect(text).toContain('AKS said: VM extension provisioning failed');
  });

  it('an etag mismatch says r retries (reading again, asking first), not to wait for another operation', () => {
    const text = said({ statusCode: 409, code: 'EtagMismatch', message: 'etag mismatch' });
    expect(text).toContain('changed after it was read');
    expect(text).toContain('Press r to retry: it reads the cluster again and asks you first');
    expect(text).toContain('If the last look failed, r looks again first');
    expect(text).not.toContain('Another operation');
  });

  it('a 412 (an If-Match eTag that no longer matches) is explained as the etag mismatch it is', () => {
    const text = said({ statusCode: 412, code: 'PreconditionFailed', message: 'eTag mismatch' });
    expect(text).toContain('changed after it was read');
    expect(text).toContain('Press r to retry');
  });

  it('another operation in progress offers retry and abort', () => {
    const text = said({
      statusCode: 409,
      code: 'OperationNotAllowed',
      message: 'Operation is not allowed: Another operation (Updating) is in progress.',
    });
    expect(text).toContain('Another operation is still running');
    expect(text).toContain('abortLatestOperation');
  });

  it('a canceled operation reads as canceled, not failed', () => {
    expect(said({ code: 'OperationCanceled', message: 'canceled' })).toMatch(/^■ .* canceled/);
  });

  it('a 304 from a node-image upgrade is nothing to do', () => {
    expect(said({ statusCode: 304, code: 'Unknown', message: '' })).toMatch(/^✔ .*nothing to do/);
  });
});
