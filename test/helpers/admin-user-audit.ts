import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBin, type Ran } from './cli-process.js';
import { minimalDescriptor } from './scenario-descriptor.js';
import { tempDir } from './temp-dir.js';

/**
 * `aks-runbook audit --steps rbac --output OUTPUT` (the built bin) on a scenario whose one
 * ClusterRoleBinding makes a User named `name` cluster-admin: how a name chosen by whoever can
 * write a binding reaches a report.
 */
export function auditAdminUserNamed(name: string, output: 'markdown' | 'sarif'): Promise<Ran> {
  const dir = join(tempDir(`${output}-name-`), 'scenario');
  mkdirSync(dir);
  writeFileSync(join(dir, 'aks.yaml'), minimalDescriptor('c1'));
  // A JSON string is a YAML double-quoted scalar.
  writeFileSync(
    join(dir, 'objects.yaml'),
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: ${JSON.stringify(name)}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`,
  );
  return runBin(
    ['audit', '--demo', '--scenario', dir, '--steps', 'rbac', '--output', output],
    {},
    { timeoutMs: 60_000 },
  );
}
