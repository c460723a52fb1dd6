// Windows pods on a cluster whose policy engine is Azure Network Policy Manager: the step reads
// the pods and the deny-all egress policy over the wire and judges the namespace blocked, with no
// finding. Microsoft documents NPM on Linux and on Windows Server 2022 only (and on Windows only as
// a preview, for subscriptions onboarded to it); Cilium on Linux only. On a Windows Server 2019
// pool nothing enforces NetworkPolicy, so these pods reach 169.254.169.254 whatever the policy says.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies ("Supported platforms" row of
// the engine comparison table; the NPM-on-Windows support notice).
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
      os:
        name: windows
      nodeSelector:
        kubernetes.io/os: windows
      containers:
        - name: iis
          image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019
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

/** imds-mixed, with Azure NPM as the engine and a Windows Server 2019 pool running winapps. */
function scenario() {
  const files = builtInScenarios['imds-mixed']!().files.map((f) => {
    if (!f.name.endsWith('cluster.yaml')) return f;
    const text = f.text
      .replace(/ {4}networkPluginMode: overlay\n/, '')
      .replace('networkPolicy: cilium', 'networkPolicy: azure')
      .replace(/ {4}networkDataplane: cilium\n/, '')
      .replace('ipFamilies: [IPv4, IPv6]', 'ipFamilies: [IPv4]')
      .replace(
        '  pools:\n',
        `  pools:
    - name: win19
      mode: User
      count: 1
      osType: Windows
      osSKU: Windows2019
      orchestratorVersion: 1.31.8
      nodeImageVersion: AKSWindows-2019-containerd-17763.7136.250312
      latestNodeImageVersion: AKSWindows-2019-containerd-17763.7136.250312
`,
      );
    return { ...f, text };
  });
  return scenarioFromFiles('imds-windows-npm', [
    ...files,
    { name: 'imds-windows-npm/winapps.yaml', text: winApps },
  ]);
}

describe('imds: Windows pods under Azure NPM', () => {
  it('does not pass a namespace of Windows pods as blocked when the engine does not enforce on Windows Server 2019', async () => {
    const sim = await startSimulator({ scenario: scenario(), speed: 600 });
    try {
      const read = await readImdsFacts(await connectToSim(sim));
      if ('forbidden' in read) throw new Error('read refused');
      expect(read.facts.engine.known && read.facts.engine.networkPolicy).toBe('azure');
      const assessment = assessImds(read.facts);
      const verdict = assessment.namespaces.find((a) => a.verdict.namespace === 'winapps')!;
      // The policies alone say blocked; that is the fact under test, not the defect.
      expect(verdict.verdict.kind).toBe('blocked');
      expect(verdict.verdict.pods).toBeGreaterThan(0);
      // Correct: the namespace is reported (not enforced for its Windows pods), not passed silently.
      const findings = assessment.findings.filter((f) => f.object?.name === 'winapps');
      expect(findings.length).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  }, 30_000);
});
