import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { describeArmError } from '../../src/azure/errors.js';
import { unheardOutcome } from '../../src/azure/lro-outcome.js';

const at = { subscriptionId: 'sub', resourceGroup: 'rg', name: 'aks1' };

/** A 412 as ARM answers a PUT whose If-Match eTag is stale. */
function stale(): RestError {
  return new RestError('Operation failed: the eTag "a" does not match the current eTag "b".', {
    statusCode: 412,
    code: 'PreconditionFailed',
  });
}

describe('a PUT refused for a stale eTag (412)', () => {
  it('says the cluster changed since it was read and nothing changed, not "a bug"', () => {
    const line = describeArmError(stale(), at, 'change the cluster');
    expect(line.message).toContain('412');
    expect(line.message).toContain('changed by someone else after it was read');
    expect(line.message).toContain('nothing was changed');
    expect(line.message).not.toContain('bug');
    expect(line.kind).toBe('conflict');
  });

  it("is Azure's answer: the outcome is known (failed, not applied), never unknown", () => {
    expect(unheardOutcome(stale(), undefined)).toBeUndefined();
  });
});

describe("AKS's 409 EtagMismatch (another writer changed the cluster meanwhile)", () => {
  it('is said as the 412 is: changed since read, nothing changed, look again; not "wait"', () => {
    const error = new RestError('The resource was changed by another request after it was read.', {
      statusCode: 409,
      code: 'EtagMismatch',
    });
    const line = describeArmError(error, at, 'change the cluster');
    expect(line.message).toMatch(/^Azure refused the change \(409 EtagMismatch\): cluster "aks1"/);
    expect(line.message).toContain('nothing was changed; look again and redo the change');
    expect(line.message).not.toMatch(/wait for the other change/);
    expect(line.kind).toBe('conflict');
  });
});
