// Windows pods in a namespace `winapps` on a cluster whose policy engine is Azure Network Policy
// Manager: the imds-mixed scenario with NPM as the engine, one Windows pool of the given version
// running an IIS deployment, and the namespace's egress policy a test chooses.
import { assessImds } from '../../../src/checks/imds/assess.js';
import { scenarioFromFiles } from '../../../src/sim/scenario.js';
import { builtInScenarios } from '../../../src/sim/scenarios/index.js';
import { startSimulator } from '../../../src/sim/simulator.js';
import { readImdsFacts } from '../../../src/steps/imds/read-facts.js';
import { connectToSim } from '../../helpers/sim-session.js';

/** The Windows Server pool: its name, OS SKU, IIS image tag and node image. */
const POOLS = {
  2019: {
    pool: 'win19',
    sku: 'Windows2019',
    ltsc: 'ltsc2019',
    image: 'AKSWindows-2019-containerd-17763.7136.250312',
  },
  2022: {
    pool: 'win22',
    sku: 'Windows2022',
    ltsc: 'ltsc2022',
    image: 'AKSWindows-2022-containerd-20348.3692.250312',
  },
} as const;

/** How the IIS pod lands on the Windows pool: by what it declares, or by the pool's label only. */
export type Placement = 'declared' | 'pool-label';

/** An egress lockdown of the whole namespace. */
export const DENY_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: winapps
spec:
  podSelector: {}
  policyTypes: [Egress]
`;

function winApps(ltsc: string, policy: string, pool: string, placement: Placement): string {
  const placed =
    placement === 'declared'
      ? `      os:
        name: windows
      nodeSelector:
        kubernetes.io/os: windows`
      : `      nodeSelector:
        kubernetes.azure.com/agentpool: ${pool}`;
  return `apiVersion: v1
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
${placed}
      containers:
        - name: iis
          image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-${ltsc}
---
${policy}`;
}

/** imds-mixed, with Azure NPM as the engine and a Windows Server `version` pool running winapps. */
export function windowsNpmScenario(
  version: keyof typeof POOLS,
  policy: string,
  placement: Placement = 'declared',
) {
  const p = POOLS[version];
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
    - name: ${p.pool}
      mode: User
      count: 1
      osType: Windows
      osSKU: ${p.sku}
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${p.image}
      latestNodeImageVersion: ${p.image}
`,
      );
    return { ...f, text };
  });
  const name = `imds-windows${version}-npm-${placement}`;
  return scenarioFromFiles(name, [
    ...files,
    { name: `${name}/winapps.yaml`, text: winApps(p.ltsc, policy, p.pool, placement) },
  ]);
}

/**
 * Reads that cluster over the wire as the step does and assesses it: the engine read, the verdict
 * of the namespace winapps, and its findings.
 */
export async function assessWindowsNpm(version: keyof typeof POOLS, policy: string) {
  const sim = await startSimulator({ scenario: windowsNpmScenario(version, policy), speed: 600 });
  try {
    const read = await readImdsFacts(await connectToSim(sim));
    if ('forbidden' in read) throw new Error('read refused');
    const assessment = assessImds(read.facts);
    return {
      engine: read.facts.engine.known && read.facts.engine.networkPolicy,
      verdict: assessment.namespaces.find((a) => a.verdict.namespace === 'winapps')!.verdict,
      findings: assessment.findings.filter((f) => f.object?.name === 'winapps'),
    };
  } finally {
    await sim.close();
  }
}
