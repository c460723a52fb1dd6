// Repro: changing an existing workload's pod template (update/patch on deployments) outside
// kube-system is not reported, although it runs new pods as any ServiceAccount of the namespace,
// exactly as creating one does.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { crb, facts, group, rb, role, rule, sa } from '../checks/rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

describe('rbac: patch on workloads acts as the namespace ServiceAccounts', () => {
  // RBAC good practices, "Workload creation" (https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation):
  // whoever controls a namespace's pod specs can run them as any ServiceAccount there; editing a
  // Deployment's template (serviceAccountName) does that just as creating one does.
  it.fails(
    'a group that may patch Deployments in shop, where shop/ops is cluster-admin, gets an escalation finding',
    () => {
      const review = checkRbac(
        facts({
          roles: [
            role('shop', 'deployer', [
              rule(['get', 'list', 'patch', 'update'], ['apps'], ['deployments']),
            ]),
          ],
          roleBindings: [rb('shop', 'team-deploy', 'Role', 'deployer', [TEAM])],
          clusterRoleBindings: [crb('shop-ops-admin', 'cluster-admin', [sa('shop', 'ops')])],
        }),
      );
      const onTeam = review.findings
        .filter((f) => f.object?.name === 'team-deploy')
        .map((f) => f.id);
      // With `create` instead of `patch` the same binding gives rbac.escalation (high): "can run as
      // ServiceAccount shop/ops, which has full control across the whole cluster".
      expect(onTeam).toContain('rbac.escalation');
    },
  );
});
