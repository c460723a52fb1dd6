// The rbac step over the real wire: whoever can act as a namespace's ServiceAccounts (here, mint
// tokens for the one named builder) gains the rights of the account as it exists in the cluster,
// though no binding names it (its namespace's group holds cluster-admin). ServiceAccounts are
// listed once per look; a refused list is a hole (rbac.forbidden), never a pass. RBAC good
// practices, "token request" and "workload creation":
// https://kubernetes.io/docs/concepts/security/rbac-good-practices/
import { afterEach, describe, expect, it } from 'vitest';
import { limitedRights } from '../../../src/sim/scenarios/small.js';
import { scenarioFromFiles } from '../../../src/sim/scenario/load.js';
import { startSimulator, type Simulator } from '../../../src/sim/simulator.js';
import { rbacStep } from '../../../src/steps/rbac/index.js';
import { isHoleFinding } from '../../../src/report/hole-findings.js';
import type { Connection } from '../../../src/model/connection.js';
import { connectToSim, hostFor, type HostedSession } from '../../helpers/sim-session.js';

const TEAM = '0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c';

const binding = (kind: string, name: string, role: string, subject: string, ns?: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: "${subject}"
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${role}
`;

// ops/builder exists; no binding names it, but every account of ops holds cluster-admin.
const CLUSTER = `apiVersion: v1
kind: Namespace
metadata:
  name: ops
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: builder
  namespace: ops
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: token-minter
rules:
  - apiGroups: [""]
    resources: [serviceaccounts/token]
    resourceNames: [builder]
    verbs: [create]
${binding('ClusterRoleBinding', 'ops-accounts-admin', 'cluster-admin', 'system:serviceaccounts:ops')}${binding('RoleBinding', 'team-tokens', 'token-minter', TEAM, 'ops')}`;

// The operator reads every RBAC object, nodes, namespaces and pods; not ServiceAccounts.
const NO_ACCOUNTS_LIST = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: rbac-reader
rules:
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [roles, rolebindings, clusterroles, clusterrolebindings]
    verbs: [get, list, watch]
  - apiGroups: [""]
    resources: [nodes, namespaces, pods]
    verbs: [get, list, watch]
${binding('ClusterRoleBinding', 'support-rbac-reader', 'rbac-reader', 'support-engineers')}`;

const ALL_RIGHTS = binding(
  'ClusterRoleBinding',
  'support-admin',
  'cluster-admin',
  'support-engineers',
);

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

let connection: Connection | undefined;

async function open(operatorRights: string): Promise<HostedSession> {
  const [descriptor] = limitedRights().files;
  const scenario = scenarioFromFiles('sa-reach', [
    { ...descriptor!, name: 'sa-reach/cluster.yaml' },
    { name: 'sa-reach/objects.yaml', text: CLUSTER + operatorRights },
  ]);
  sim = await startSimulator({ scenario, speed: 600 });
  connection = await connectToSim(sim);
  const session = await hostFor(connection, { rbac: rbacStep }, { readOnly: true });
  await session.host.open('rbac');
  return session;
}

const findingsOf = (s: HostedSession) => s.store.getState().stepViews.rbac?.findings ?? [];
const accountLists = () =>
  sim!.log.entries.filter((e) => e.method === 'GET' && e.path === '/api/v1/serviceaccounts');

describe('rbac: the ServiceAccounts that exist', () => {
  it('a token grant for an account no binding names reaches its rights (high)', async () => {
    const session = await open(ALL_RIGHTS);
    const esc = findingsOf(session).find(
      (f) => f.id === 'rbac.escalation' && f.object?.name === 'team-tokens',
    );
    expect(esc?.severity).toBe('high');
    expect(esc?.message).toContain(
      'can run as ServiceAccount ops/builder, which has full control across the whole cluster (ClusterRoleBinding/ops-accounts-admin)',
    );
    expect(findingsOf(session).filter(isHoleFinding)).toEqual([]);
  }, 60_000);

  it('lists them once per look, as one cluster-wide list', async () => {
    await open(ALL_RIGHTS);
    expect(accountLists().map((e) => e.status)).toEqual([200]);
  }, 60_000);

  it('a refused list is a hole, and what the bindings name is still judged', async () => {
    const session = await open(NO_ACCOUNTS_LIST);
    expect(accountLists().map((e) => e.status)).toEqual([403]);
    const holes = findingsOf(session).filter(isHoleFinding);
    expect(holes.map((f) => f.id)).toEqual(['rbac.forbidden']);
    expect(holes[0]!.message).toMatch(/^Could not check serviceaccounts: /);
    // Without the list builder is unknown: the grant is judged as one in a namespace, and the
    // hole says the judgement is partial.
    const esc = findingsOf(session).find(
      (f) => f.id === 'rbac.escalation' && f.object?.name === 'team-tokens',
    );
    expect(esc?.severity).toBe('medium');
    // The preflight at connect says so too: the rbac step cannot read all it needs.
    expect((await connection!.rights.answers())['serviceaccounts.list']).toMatchObject({
      state: 'denied',
    });
  }, 60_000);
});
