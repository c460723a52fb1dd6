// kubectl top against the metrics API AKS's metrics-server serves: every node and running pod,
// usage a pod's scenario annotation sets, and the RBAC the view role gives.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sim/contracts.js';
import { smallCluster } from '../helpers/kube-server.js';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

/** The small cluster, its web pods saying what they use. */
function cluster(): KubeObject[] {
  return smallCluster().map((o) => {
    if (o.kind !== 'Deployment' || o.metadata.name !== 'web') return o;
    const spec = o['spec'] as { template: { metadata: Record<string, unknown> } };
    spec.template.metadata['annotations'] = { 'aks-runbook.sim/usage': 'cpu=250m,memory=300Mi' };
    return o;
  });
}

describe.each(SERVED_MINORS)('kubectl 1.%s top', (minor) => {
  const k = servedKubectl(minor, { objects: cluster() });

  it('shows every node with its usage and share of allocatable', async () => {
    const r = await k.run(['top', 'nodes', '--no-headers']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines)
      expect(l).toMatch(/^aks-nodepool1-12345678-vmss00000\d\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*$/);
  });

  it("shows each pod's usage, as its scenario sets it", async () => {
    const r = await k.run(['top', 'pods', '-n', 'shop', '-l', 'app=web', '--no-headers']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^web-\w+-\w{5}\s+250m\s+300Mi\s*$/);
    const c = await k.run(['top', 'pods', '-n', 'shop', '--containers', '--no-headers']);
    expect(c.stdout).toMatch(/db-\w+-\w{5}\s+db\s+\d+m\s+\d+Mi/);
  });

  it('is readable with the view role, not without', async () => {
    expect((await k.runAs('ann@contoso.com', [], ['top', 'pods', '-n', 'shop'])).stderr).toContain(
      'cannot list resource "pods" in API group "metrics.k8s.io" in the namespace "shop"',
    );
    await k.run([
      'create',
      'rolebinding',
      `ann-${minor}`,
      '--clusterrole=view',
      '--user=ann@contoso.com',
      '-n',
      'shop',
    ]);
    expect((await k.runAs('ann@contoso.com', [], ['top', 'pods', '-n', 'shop'])).code).toBe(0);
  });
});
