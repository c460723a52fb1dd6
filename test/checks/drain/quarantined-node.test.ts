// AKS API reference, UndrainableNodeBehavior "Cordon": a node whose drain is blocked stays cordoned
// with label kubernetes.azure.com/upgrade-status=Quarantined and the upgrade ends Failed. The way
// out is AKS's (fix the PDB, remove the label, re-run the upgrade), not a plain uncordon.
import { describe, expect, it } from 'vitest';
import { drainFindings, type DrainFacts } from '../../../src/checks/drain/findings.js';
import { aksQuarantined } from '../../../src/checks/drain/nodes.js';
import { uncordonConfirmation } from '../../../src/steps/drain/confirmations.js';
import type { DrainNode } from '../../../src/model/drain.js';

const node = (over: Partial<DrainNode>): DrainNode => ({
  name: 'aks-apps-1',
  pool: 'apps',
  ready: true,
  schedulable: false,
  conditions: [],
  rebootNeeded: false,
  kuredLock: false,
  podCount: 0,
  ...over,
});
const facts = (n: DrainNode): DrainFacts => ({
  nodes: [n],
  podsByNode: {},
  world: { daemonSets: new Set<string>(), pdbs: [] },
  forbidden: [],
});

describe('a node AKS quarantined', () => {
  it('is read from the upgrade-status label only when it says Quarantined', () => {
    expect(aksQuarantined({ 'kubernetes.azure.com/upgrade-status': 'Quarantined' })).toBe(true);
    expect(aksQuarantined({ 'kubernetes.azure.com/upgrade-status': 'Upgrading' })).toBe(false);
    expect(aksQuarantined({})).toBe(false);
    expect(aksQuarantined(undefined)).toBe(false);
  });

  it('its finding gives AKS way out, not a plain uncordon', () => {
    const [f] = drainFindings(facts(node({ aksQuarantined: true })));
    expect(f?.id).toBe('drain.node-cordoned');
    expect(f?.message).toMatch(/Quarantined/);
    expect(f?.remediation).toContain(
      'kubectl label node aks-apps-1 kubernetes.azure.com/upgrade-status-',
    );
    expect(f?.remediation).toMatch(/re-run the upgrade/);
    expect(f?.remediation).not.toMatch(/^If its maintenance is over/);
  });

  it('a plain cordoned node keeps the plain advice', () => {
    const [f] = drainFindings(facts(node({})));
    expect(f?.remediation).toMatch(/uncordon it/);
  });

  it('the uncordon question warns and asks for the node name typed', () => {
    const q = uncordonConfirmation('c', [node({ aksQuarantined: true })], false);
    expect(q.details?.join('\n')).toMatch(/AKS quarantined aks-apps-1/);
    expect(q.details?.join('\n')).toContain('kubernetes.azure.com/upgrade-status-');
    expect(q.typed).toBe('aks-apps-1');
    expect(uncordonConfirmation('c', [node({})], false).details?.join('\n')).not.toMatch(
      /quarantined/i,
    );
  });
});
