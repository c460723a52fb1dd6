// AAD Pod Identity's NMI (the open-source DaemonSet, and AKS's pod-managed identity add-on built
// on it) redirects with iptables "all non-host traffic with IMDS endpoint on port 80 as
// destination to the NMI endpoint" on the node, and proxies what it does not answer itself to
// IMDS. Policy engines judge the redirected connection (node address, NMI's port), so an
// except of 169.254.169.254 no longer matches it: under `0.0.0.0/0 except 169.254.0.0/16` the
// pods still get the metadata endpoint's answers through NMI. Spec:
// https://azure.github.io/aad-pod-identity/docs/concepts/nmi and
// https://azure.github.io/aad-pod-identity/docs/configure/application_exception ("any request
// that's made to the Metadata endpoint will be intercepted by NMI"). The step reads the NMI
// pods (hostNetwork, kube-system) with the shared pod list: the namespace is reported, not passed.
import { describe, expect, it } from 'vitest';
import { assessImds } from '../../../src/checks/imds/assess.js';
import { scenarioFromFiles } from '../../../src/sim/scenario.js';
import { builtInScenarios } from '../../../src/sim/scenarios/index.js';
import { startSimulator } from '../../../src/sim/simulator.js';
import { readImdsFacts } from '../../../src/steps/imds/read-facts.js';
import { connectToSim } from '../../helpers/sim-session.js';

// As the aad-pod-identity Helm chart deploys it (abridged).
const nmi = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: aad-pod-identity-nmi
  namespace: kube-system
  labels:
    app.kubernetes.io/name: aad-pod-identity
    app.kubernetes.io/component: nmi
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: aad-pod-identity
      app.kubernetes.io/component: nmi
  template:
    metadata:
      labels:
        app.kubernetes.io/name: aad-pod-identity
        app.kubernetes.io/component: nmi
    spec:
      hostNetwork: true
      containers:
        - name: nmi
          image: mcr.microsoft.com/oss/azure/aad-pod-identity/nmi:v1.8.17
          args: ["--node=$(NODE_NAME)", "--http-probe-port=8085", "--operation-mode=standard"]
          securityContext:
            capabilities:
              add: [NET_ADMIN]
`;

/** imds-mixed on Calico, with AAD Pod Identity's NMI running on every node. */
function scenario() {
  const files = builtInScenarios['imds-mixed']!().files.map((f) => {
    if (!f.name.endsWith('cluster.yaml')) return f;
    const text = f.text
      .replace('networkPolicy: cilium', 'networkPolicy: calico')
      .replace(/ {4}networkDataplane: cilium\n/, '');
    return { ...f, text };
  });
  return scenarioFromFiles('imds-nmi', [...files, { name: 'imds-nmi/nmi.yaml', text: nmi }]);
}

describe('imds: metadata traffic intercepted by NMI', () => {
  it('does not pass a namespace as blocked while NMI redirects 169.254.169.254:80 to the node', async () => {
    const sim = await startSimulator({ scenario: scenario(), speed: 600 });
    try {
      const read = await readImdsFacts(await connectToSim(sim));
      if ('forbidden' in read) throw new Error('read refused');
      const nmiPods = read.facts.pods.filter(
        (p) => p.namespace === 'kube-system' && p.labels['app.kubernetes.io/component'] === 'nmi',
      );
      expect(nmiPods.length).toBeGreaterThan(0);
      const assessment = assessImds(read.facts);
      const secure = assessment.namespaces.find((a) => a.verdict.namespace === 'secure')!;
      // By the policies alone: blocked (169.254.0.0/16 is excepted). The fact, not the defect.
      expect(secure.verdict.kind).toBe('blocked');
      expect(secure.verdict.pods).toBeGreaterThan(0);
      // Correct: the interception is reported, for the namespace or the cluster, not passed silently.
      const said = assessment.findings.filter(
        (f) => f.object?.name === 'secure' || /NMI|pod identity/i.test(f.message),
      );
      expect(said.length).toBeGreaterThan(0);
      expect(secure.verdict.intercepted?.by).toMatch(
        /^NMI pods? kube-system\/aad-pod-identity-nmi-/,
      );
      expect(said.map((f) => f.id)).toContain('imds.pod-identity-nmi');
    } finally {
      await sim.close();
    }
  }, 30_000);
});
