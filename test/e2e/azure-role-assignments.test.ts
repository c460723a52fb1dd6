// Azure role assignments audited like bindings, over the real @azure/arm-authorization client
// against the simulator: assignments at the cluster and inherited from above, AKS roles given to
// users directly, cluster-admin-level grants, and who may fetch the admin credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRoleAssignments } from '../../src/azure/role-assignments.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { rbacStep } from '../../src/steps/rbac/index.js';
import { connectToSim } from '../helpers/sim-session.js';
import { stepSession } from './security-step-session.js';

const JORDAN = '1c7a8b4d-2e3f-4a61-9bac-1d2e3f4a5b6c';
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'azure-rbac' });
});
afterAll(() => sim.close());

describe('Azure role assignments (azure-rbac scenario)', () => {
  it('reads assignments at the cluster and inherited from resource group, subscription and management group', async () => {
    const connection = await connectToSim(sim);
    const clusterId = connection.arm!.facts.cluster.id!;
    const read = await readRoleAssignments(connection.arm!.authorization!, clusterId);
    const scopes = read.assignments.map((a) => a.scope.replace(clusterId, '<cluster>'));
    expect(scopes.sort()).toEqual(
      [
        '<cluster>',
        '<cluster>',
        `/subscriptions/${sim.arm.subscriptionId}/resourceGroups/${sim.arm.resourceGroup}`,
        `/subscriptions/${sim.arm.subscriptionId}`,
        '/providers/Microsoft.Management/managementGroups/contoso-root',
      ].sort(),
    );
    expect(
      Object.values(read.definitions)
        .map((d) => d.roleName)
        .sort(),
    ).toEqual([
      'Azure Kubernetes Service Cluster User Role',
      'Azure Kubernetes Service RBAC Cluster Admin',
      'Azure Kubernetes Service RBAC Reader',
      'Owner',
      'Shop deployers',
    ]);
    // One definition read per role, not per assignment.
    expect(sim.log.entries.filter((e) => e.path.includes('/roleDefinitions/')).length).toBe(5);
  });

  it('finds users holding AKS roles directly, admin-level grants and admin-credential holders, by name', async () => {
    const s = await stepSession(sim, 'rbac', rbacStep);
    await s.host.open('rbac');
    const view = s.view();
    expect(view.summary).toContain(
      'Azure role assignments reaching the cluster: 5 (3 inherited from above); Azure RBAC authorizes Kubernetes requests.',
    );
    const azure = (view.findings ?? []).filter((f) => f.id.startsWith('rbac.azure-'));
    const seen = azure.map((f) => `${f.id} ${f.principal?.name ?? f.principal?.id}`).sort();
    expect(seen).toEqual([
      'rbac.azure-admin-credential Alex Kim',
      'rbac.azure-admin-grant Jordan Reyes',
      'rbac.azure-user-assignment Jordan Reyes',
      'rbac.azure-user-assignment Priya Nair',
      'rbac.azure-user-assignment Sam Patel',
    ]);
    const jordan = azure.find(
      (f) => f.id === 'rbac.azure-user-assignment' && f.principal?.id === JORDAN,
    );
    expect(jordan?.message).toContain(
      `user ${JORDAN} [Jordan Reyes (user jordan@contoso.com)] holds Azure role "Azure Kubernetes Service RBAC Cluster Admin" on the cluster`,
    );
    const sam = azure.find((f) => f.principal?.name === 'Sam Patel');
    expect(sam?.message).toContain(`inherited from subscription ${sim.arm.subscriptionId}`);
    const alex = azure.find((f) => f.id === 'rbac.azure-admin-credential');
    expect(alex?.message).toContain('inherited from management group contoso-root');
    expect(sim.log.writes()).toEqual([]);
    await s.host.stop();
  });
});
