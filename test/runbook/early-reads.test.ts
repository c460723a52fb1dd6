import { describe, expect, it } from 'vitest';
import { earlyReadsOf } from '../../src/runbook/early-reads.js';

// Connect sends only the reads of steps that will be looked at: a read no step makes would be a
// request more than before.

describe('earlyReadsOf', () => {
  it('gives each read of the chosen steps once', () => {
    expect(earlyReadsOf(['drain', 'imds'], true).sort()).toEqual(
      ['daemonsets', 'enginepolicies', 'namespaces', 'networkpolicies', 'pdbs', 'pods'].sort(),
    );
    expect(earlyReadsOf(['rbac'], true).sort()).toEqual([
      'rbac',
      'role-assignments',
      'serviceaccounts',
    ]);
  });

  it('leaves out the reads of steps that need ARM when the cluster is not named over ARM', () => {
    const reads = earlyReadsOf(['upgrades', 'node-image', 'drain'], false);
    expect(reads).not.toContain('version-reads');
    expect(reads).not.toContain('served');
    expect(reads.sort()).toEqual(['daemonsets', 'pdbs', 'pods']);
  });

  it('gives nothing for steps without early reads', () => {
    expect(earlyReadsOf(['defender', 'api-access', 'containers'], true)).toEqual([]);
  });
});
