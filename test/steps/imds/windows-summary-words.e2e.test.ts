// Windows pods (spec.os.name: windows) on a Windows Server 2019 pool under Azure NPM: the step
// knows the policies are not enforced for them and raises imds.namespace-exposed (high), yet the
// step's summary line for the namespace (what the audit and the board show) reads "✔ blocked".
// The verdict words look at the engine and NMI but not at Windows pods left unenforced.
// Fixed: the words say the Windows pods are not enforced, as the finding does.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies (engine table, "Supported
// platforms": Azure NPM on Linux and Windows Server 2022 only).
import { describe, expect, it } from 'vitest';
import { scenarioFromFiles } from '../../../src/sim/scenario.js';
import { builtInScenarios } from '../../../src/sim/scenarios/index.js';
import { startSimulator } from '../../../src/sim/simulator.js';
import { imdsStep } from '../../../src/steps/imds/index.js';
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
  return scenarioFromFiles('imds-windows-summary', [
    ...files,
    { name: 'imds-windows-summary/winapps.yaml', text: winApps },
  ]);
}

describe('imds summary for Windows pods NPM does not enforce', () => {
  it('does not read "✔ blocked" beside a high exposure finding', async () => {
    const sim = await startSimulator({ scenario: scenario(), speed: 600 });
    try {
      const seen = await imdsStep.inspect!({
        connection: await connectToSim(sim),
        mode: { readOnly: true, dryRun: false, demo: true },
      });
      // The fact under test: the step itself reports the namespace exposed.
      const exposed = seen.findings.filter(
        (f) => f.id === 'imds.namespace-exposed' && f.object?.name === 'winapps',
      );
      expect(exposed).toHaveLength(1);
      const line = seen.summary!.find((l) => l.startsWith('winapps: '));
      expect(line).toBeDefined();
      expect(line).not.toContain('✔ blocked');
    } finally {
      await sim.close();
    }
  }, 30_000);
});
