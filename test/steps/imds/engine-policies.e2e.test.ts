import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/cli/run-audit.js';
import type { AuditReport } from '../../../src/report/audit-schema.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { audit as auditRig, rig } from '../../helpers/audit-rig.js';
import { kubeStatus } from '../../../src/sim/server.js';
import type { Interceptor } from '../../../src/sim/server.js';
import { imdsSession } from './harness.js';
import { ONE_SYSTEM_POOL } from './one-pool-tail.js';

// Cilium's own policies over the real wire: discovery shows cilium.io/v2, the step lists both
// kinds with the other first reads, and judges them with the NetworkPolicies.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const descriptor = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: Cilium with its own policies.
cluster:
  resourceGroup: rg-cnp
  name: aks-cnp
  location: westeurope
  kubernetesVersion: 1.31.8
  networkProfile:
    networkPlugin: azure
    networkPluginMode: overlay
    networkPolicy: cilium
    networkDataplane: cilium
${ONE_SYSTEM_POOL}`;

function pod(ns: string, app: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
---
apiVersion: v1
kind: Pod
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app: ${app}
spec:
  containers:
    - name: ${app}
      image: contoso.azurecr.io/${app}:1.0.0
`;
}

const objects = `${pod('shop', 'web')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: block-imds
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.169.254/32]
        - namespaceSelector: {}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: web-world
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: web
  egress:
    - toEntities: [world]
---
${pod('safe', 'api')}---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: no-metadata-in-safe
spec:
  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: safe
  enableDefaultDeny:
    egress: false
  egressDeny:
    - toCIDR: [169.254.169.254/32]
`;

function rbac(role: string): string {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: ops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${role}
`;
}

function scenario(role = 'cluster-admin'): string {
  const dir = tempDir('imds-cnp-');
  dirs.push(dir);
  writeFileSync(join(dir, 'cluster.yaml'), descriptor);
  writeFileSync(join(dir, 'objects.yaml'), objects);
  writeFileSync(join(dir, 'rbac.yaml'), rbac(role));
  return dir;
}

async function audit(dir: string): Promise<AuditReport> {
  let out = '';
  await runAudit(
    { cloud: 'AzureCloud', demo: true, scenario: dir },
    { steps: ['imds'], output: 'json', failOn: 'high' },
    {},
    { out: (t) => (out += t), err: () => undefined, progress: false },
  );
  return JSON.parse(out) as AuditReport;
}

describe('imds audit on Cilium with its own policies', () => {
  it('a CiliumNetworkPolicy allowing world re-opens the endpoint; a clusterwide deny blocks it', async () => {
    const report = await audit(scenario('cluster-admin'));
    const step = report.steps[0]!;
    expect(step.summary).toEqual(
      expect.arrayContaining(['shop: ✖ engine policy re-opens', 'safe: ✔ blocked']),
    );
    const opens = step.findings.filter((f) => f.id === 'imds.engine-policy-opens');
    expect(opens.map((f) => f.object?.name)).toEqual(['shop']);
    expect(opens[0]!.message).toContain('CiliumNetworkPolicy shop/web-world');
    expect(step.findings.map((f) => f.id)).not.toContain('imds.engine-policies-unread');
    expect(step.findings.filter((f) => f.object?.name === 'safe')).toEqual([]);
  });

  it('on the demo (Calico, no policies of its own): no engine finding; refused, a hole naming them', async () => {
    const r = await rig('demo');
    try {
      const clean = await auditRig(r.file, { steps: ['imds'] });
      expect(clean.report.steps[0]!.findings.map((f) => f.id)).not.toContain(
        'imds.engine-policies-unread',
      );
      r.intercept((q) =>
        q.path.startsWith('/apis/crd.projectcalico.org/')
          ? kubeStatus(403, 'Forbidden', 'networkpolicies.crd.projectcalico.org is forbidden')
          : undefined,
      );
      const { report, code } = await auditRig(r.file, { steps: ['imds'] });
      const unread = report.steps[0]!.findings.filter(
        (f) => f.id === 'imds.engine-policies-unread',
      );
      expect(unread).toHaveLength(1);
      expect(unread[0]!.message).toContain('listing is forbidden');
      expect(code).toBe(2);
    } finally {
      await r.sim.close();
    }
  }, 90_000);

  it('in the step itself (the probe on offer), a refused engine kind is a finding too', async () => {
    const s = await imdsSession('demo');
    try {
      const https = (s.sim as unknown as { https: { interceptors: Interceptor[] } }).https;
      https.interceptors.unshift((q) =>
        q.path.startsWith('/apis/crd.projectcalico.org/')
          ? kubeStatus(403, 'Forbidden', 'networkpolicies.crd.projectcalico.org is forbidden')
          : undefined,
      );
      await s.host.open('imds');
      const ids = s.store.getState().stepViews.imds?.findings?.map((f) => f.id) ?? [];
      expect(ids).toContain('imds.engine-policies-unread');
    } finally {
      await s.close();
    }
  });
});
