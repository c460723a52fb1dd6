// A Windows pod placed on a Windows Server 2019 pool by the pool's own node label
// (kubernetes.azure.com/agentpool), without spec.os.name or a kubernetes.io/os selector, is judged
// as a Linux pod: under Azure NPM, which enforces nothing on Windows Server 2019 nodes, the step
// passes its namespace as blocked with no finding. Where a pod runs is decided by the node it is
// bound to (spec.nodeName and that node's kubernetes.io/os label), not only by what the pod
// declares; AKS documents pinning workloads to a pool with the agentpool label.
// Fixed: a pod's OS comes from spec.os.name, else its node's kubernetes.io/os label.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies (engine table, "Supported
// platforms": Azure NPM Linux and Windows Server 2022 only); https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-os
// (the node's OS is the node label); https://learn.microsoft.com/azure/aks/use-labels.
import { describe, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { assessImds } from '../../../src/checks/imds/assess.js';
import { startSimulator } from '../../../src/sim/simulator.js';
import { readImdsFacts } from '../../../src/steps/imds/read-facts.js';
import { connectToSim } from '../../helpers/sim-session.js';
import { DENY_EGRESS, windowsNpmScenario } from './windows-npm.js';

describe('imds: a Windows pod pinned by its pool label under Azure NPM', () => {
  it('reports the namespace instead of passing it as blocked', async () => {
    const sim = await startSimulator({
      scenario: windowsNpmScenario(2019, DENY_EGRESS, 'pool-label'),
      speed: 600,
    });
    try {
      const connection = await connectToSim(sim);
      // The fact under test: the pod runs on a Windows node.
      const core = connection.kc.makeApiClient(CoreV1Api);
      const pods = (await core.listNamespacedPod({ namespace: 'winapps' })).items;
      const node = await core.readNode({ name: pods[0]!.spec!.nodeName! });
      expect(node.metadata?.labels?.['kubernetes.io/os']).toBe('windows');

      const read = await readImdsFacts(connection);
      if ('forbidden' in read) throw new Error('read refused');
      const assessment = assessImds(read.facts);
      const findings = assessment.findings.filter((f) => f.object?.name === 'winapps');
      // Correct: NPM enforces nothing on Windows Server 2019, so the namespace is reported.
      expect(findings.map((f) => f.id)).toContain('imds.namespace-exposed');
    } finally {
      await sim.close();
    }
  }, 30_000);
});
