import type { BuiltInScenario } from './types.js';
import { ADMIN_GROUP, IMAGES, REGION_VERSIONS } from './versions.js';

/**
 * Strings a terminal would act on, each followed by a marker so a test can find where it landed:
 * clear screen (CSI), window title (OSC 0), clipboard write (OSC 52), a hyperlink (OSC 8), the
 * bell, backspace, carriage return, the C1 form of CSI, and a bidi override. YAML escapes
 * (`\e`, `\a`, ...) inside double-quoted strings, as `kubectl get -o yaml` would print them.
 */
export const HOSTILE_PAYLOADS: ReadonlyArray<{ yaml: string; raw: string; shown: string }> = [
  { yaml: '\\e[2JZQCSI', raw: '\u001b[2JZQCSI', shown: '\\x1b[2JZQCSI' },
  { yaml: '\\e]0;ZQTITLE\\a', raw: '\u001b]0;ZQTITLE\u0007', shown: '\\x1b]0;ZQTITLE\\x07' },
  {
    yaml: '\\e]52;c;ZQCLIP\\a',
    raw: '\u001b]52;c;ZQCLIP\u0007',
    shown: '\\x1b]52;c;ZQCLIP\\x07',
  },
  {
    yaml: '\\e]8;;http://ZQLINK\\e\\\\x\\e]8;;\\e\\\\',
    raw: '\u001b]8;;http://ZQLINK\u001b\\x\u001b]8;;\u001b\\',
    shown: '\\x1b]8;;http://ZQLINK\\x1b\\x\\x1b]8;;\\x1b\\',
  },
  { yaml: '\\aZQBEL', raw: '\u0007ZQBEL', shown: '\\x07ZQBEL' },
  { yaml: 'ok\\bZQBS', raw: 'ok\bZQBS', shown: 'ok\\x08ZQBS' },
  { yaml: 'ok\\rZQCR', raw: 'ok\rZQCR', shown: 'ok\\rZQCR' },
  { yaml: '\\x9b2JZQC1', raw: '\u009b2JZQC1', shown: '\\x9b2JZQC1' },
  { yaml: 'ZQBIDI\\u202egpj.exe', raw: 'ZQBIDI\u202egpj.exe', shown: 'ZQBIDI\\u202egpj.exe' },
];

const all = HOSTILE_PAYLOADS.map((p) => p.yaml).join(' ');
const user = (i: number) => `"mallory${i}@contoso.com ${HOSTILE_PAYLOADS[i]!.yaml}"`;

const cluster = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: >-
  RBAC names, subjects and annotations that carry escape sequences and control characters
  (label values cannot: the API server refuses them): whoever can write a RoleBinding chooses
  these bytes. Every screen and report must show them
  visibly and never let the terminal act on them.
cluster:
  resourceGroup: rg-hostile
  name: aks-hostile
  location: westeurope
  kubernetesVersion: 1.31.8
  aadProfile:
    managed: true
    enableAzureRBAC: false
    adminGroupObjectIDs: [${ADMIN_GROUP}]
  pools:
    - name: system
      mode: System
      count: 2
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
${REGION_VERSIONS}operator:
  user: operator@contoso.com
  groups: [${ADMIN_GROUP}]
clockSpeed: 600
`;

const objects = `apiVersion: v1
kind: Namespace
metadata:
  name: team-x
  labels:
    owner: team-x
  annotations:
    note: "${all}"
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: "ops-${HOSTILE_PAYLOADS[0]!.yaml}"
  annotations:
    note: "${all}"
subjects:
${HOSTILE_PAYLOADS.slice(0, 5)
  .map((_, i) => `  - apiGroup: rbac.authorization.k8s.io\n    kind: User\n    name: ${user(i)}`)
  .join('\n')}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: "deployers-${HOSTILE_PAYLOADS[1]!.yaml}"
  namespace: team-x
subjects:
${HOSTILE_PAYLOADS.slice(5)
  .map(
    (_, i) => `  - apiGroup: rbac.authorization.k8s.io\n    kind: User\n    name: ${user(i + 5)}`,
  )
  .join('\n')}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: "gone-${HOSTILE_PAYLOADS[2]!.yaml}"
`;

/** A cluster whose RBAC names and annotations carry terminal escape sequences (see above). */
export function hostile(): BuiltInScenario {
  return {
    files: [
      { name: 'hostile/cluster.yaml', text: cluster },
      { name: 'hostile/objects.yaml', text: objects },
    ],
  };
}
