// A pod's OS, as a policy engine meets it, is its node's: a pod that declares no spec.os.name and
// is placed on a Windows pool by that pool's own label (kubernetes.azure.com/agentpool) runs on
// Windows all the same. Under Cilium (Linux only, learn.microsoft.com/azure/aks/use-network-policies)
// nothing enforces the namespace's deny-all egress policy for it, so it reaches 169.254.169.254.
// The pod's OS comes from spec.os.name, else its node's kubernetes.io/os label.
import { describe, expect, it } from 'vitest';
import { assessImds } from '../../../src/checks/imds/assess.js';
import { scenarioFromFiles } from '../../../src/sim/scenario.js';
import { builtInScenarios } from '../../../src/sim/scenarios/index.js';
import { startSimulator } from '../../../src/sim/simulator.js';
import { readImdsFacts } from '../../../src/steps/imds/read-facts.js';
import { connectToSim } from '../../helpers/sim-session.js';

const winApps = `apiVersion: v1
kind: Namespace
metadata:
  name: winapps
  labels:
    kubernetes.io/metadata.name: winapps
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy-iis
  namespace: winapps
spec:
  replicas: 1
  selector:
    matchLabels:
      app: legacy-iis
  template:
    metadata:
      labels:
        app: legacy-iis
    spec:
      nodeSelector:
        kubernetes.azure.com/agentpool: win22
      tolerations:
        - key: os
          value: windows
          effect: NoSchedule
      containers:
        - name: iis
          image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: winapps
spec:
  podSelector: {}
  policyTypes: [Egress]
`;

/** imds-mixed (Cilium) with a tainted Windows Server 2022 pool running winapps. */
function scenario() {
  const files = builtInScenarios['imds-mixed']!().files.map((f) => {
    if (!f.name.endsWith('cluster.yaml')) return f;
    const text = f.text.replace(
      '  pools:\n',
      `  pools:
    - name: win22
      mode: User
      count: 1
      osType: Windows
      osSKU: Windows2022
      orchestratorVersion: 1.31.8
      nodeTaints: ["os=windows:NoSchedule"]
`,
    );
    return { ...f, text };
  });
  return scenarioFromFiles('imds-windows-node', [
    ...files,
    { name: 'imds-windows-node/winapps.yaml', text: winApps },
  ]);
}

describe('imds: a pod on a Windows node that does not declare its OS', () => {
  it('is judged Windows by its node label: under Cilium the namespace is reported, naming it', async () => {
    const sim = await startSimulator({ scenario: scenario(), speed: 600 });
    try {
      const read = await readImdsFacts(await connectToSim(sim));
      if ('forbidden' in read) throw new Error('read refused');
      expect(read.facts.engine.known && read.facts.engine.networkPolicy).toBe('cilium');
      const iis = read.facts.pods.filter((p) => p.namespace === 'winapps');
      expect(iis.length).toBe(1);
      expect(iis[0]!.windows).toBe(true);
      const linux = read.facts.pods.filter((p) => p.namespace !== 'winapps' && !p.hostNetwork);
      expect(linux.some((p) => p.windows)).toBe(false);
      const assessment = assessImds(read.facts);
      const findings = assessment.findings.filter((f) => f.object?.name === 'winapps');
      expect(findings.map((f) => f.id)).toEqual(['imds.namespace-exposed']);
      expect(findings[0]!.message).toContain(iis[0]!.name);
      expect(findings[0]!.message).toContain('Cilium');
    } finally {
      await sim.close();
    }
  }, 30_000);
});
