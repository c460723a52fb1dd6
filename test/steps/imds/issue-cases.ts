// A scenario folder built from the cases issue 16 lists, for the audit and the step.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp-dir.js';
import { ONE_SYSTEM_POOL } from './one-pool-tail.js';

/** Each namespace holds one deny-all-but-this policy shape and one pod. */
export const CASES: Record<string, string> = {
  // The worst defect: a rule whose only peer is the endpoint itself.
  'imds-only': `    - to:
        - ipBlock:
            cidr: 169.254.169.254/32`,
  'dns-only': `    - ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53`,
  'https-out': `    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
      ports:
        - protocol: TCP
          port: 443`,
  'named-port': `    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
      ports:
        - port: http`,
  'high-ports': `    - ports:
        - protocol: TCP
          port: 1024
          endPort: 65535`,
  'low-ports': `    - ports:
        - protocol: TCP
          port: 1
          endPort: 1024`,
  'web-out': `    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [10.0.0.0/8]
      ports:
        - port: 80`,
};

function descriptor(networkPolicy: string): string {
  return `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: The NetworkPolicy cases of issue 16.
cluster:
  resourceGroup: rg-cases
  name: aks-cases
  location: westeurope
  kubernetesVersion: 1.31.8
  networkProfile:
    networkPlugin: azure
    networkPolicy: ${networkPolicy}
${ONE_SYSTEM_POOL}`;
}

function objects(): string {
  return Object.entries(CASES)
    .map(
      ([ns, egress]) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
---
apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: ${ns}
  labels:
    app: app
spec:
  containers:
    - name: app
      image: contoso.azurecr.io/app:1.0.0
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
${egress}
`,
    )
    .join('---\n');
}

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops-admin
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: ops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`;

/** Writes the scenario folder (engine `calico` unless named) and returns its path. */
export function issueCasesScenario(networkPolicy = 'calico'): string {
  const dir = tempDir('imds-cases-');
  writeFileSync(join(dir, 'cluster.yaml'), descriptor(networkPolicy));
  writeFileSync(join(dir, 'objects.yaml'), objects());
  writeFileSync(join(dir, 'rbac.yaml'), RBAC);
  return dir;
}
