// Windows Server 2022 pods under Azure Network Policy Manager, kept from the endpoint by the
// step's own kind of policy (0.0.0.0/0 except 169.254.169.254/32): judged blocked, no finding.
// NPM runs on Windows only for subscriptions onboarded to its preview (no new ones: the support
// notice on https://learn.microsoft.com/azure/aks/use-network-policies), and NPM's Windows
// translation refuses an ipBlock `except` (Azure/azure-container-networking#1513,
// ErrUnsupportedExceptCIDR: "unsupported Except CIDR block translation features used on
// windows"), so the policy does not isolate these pods. Same root as
// imds-windows-pods-npm.test.ts: Windows pods are judged as if NPM enforced on them.
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
          image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: restrict-instance-metadata
  namespace: winapps
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.169.254/32]
`;

/** imds-mixed, with Azure NPM as the engine and a Windows Server 2022 pool running winapps. */
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
    - name: win22
      mode: User
      count: 1
      osType: Windows
      osSKU: Windows2022
      orchestratorVersion: 1.31.8
      nodeImageVersion: AKSWindows-2022-containerd-20348.3692.250312
      latestNodeImageVersion: AKSWindows-2022-containerd-20348.3692.250312
`,
      );
    return { ...f, text };
  });
  return scenarioFromFiles('imds-windows22-npm', [
    ...files,
    { name: 'imds-windows22-npm/winapps.yaml', text: winApps },
  ]);
}

describe('imds: Windows Server 2022 pods under Azure NPM, blocked by an except', () => {
  it('does not pass a namespace of Windows pods as blocked by an except that NPM does not apply on Windows', async () => {
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
