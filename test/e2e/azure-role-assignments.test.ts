// Azure role assignments audited like bindings, over the real @azure/arm-authorization client
// against the simulator: assignments at the cluster and inherited from above, AKS roles given to
// users directly, cluster-admin-level grants, and who may fetch the admin credential.
import { viewText } from '../../src/steps/contract/view.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRoleAssignments } from '../../src/azure/role-assignments.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { rbacStep } from '../../src/steps/rbac/index.js';
import { connectToSim } from '../helpers/sim-session.js';
import { stepSession, until } from './security-step-session.js';

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

  it("gives jordan's RBAC Cluster Admin to platform-admins: assign, read back, delete; confirmed and journaled", async () => {
    const s = await stepSession(sim, 'rbac', rbacStep);
    const { host, store } = s;
    await host.open('rbac');
    const candidate = store
      .getState()
      .stepStates.rbac!.candidates.find(
        (c) => c.user === 'jordan@contoso.com' && c.id.startsWith('azure:'),
      )!;
    expect(candidate).toMatchObject({
      binding: 'Azure role assignment on the cluster',
      role: 'Azure role "Azure Kubernetes Service RBAC Cluster Admin"',
      userName: 'Jordan Reyes (user)',
      adminLevel: true,
    });
    // Typed "plat" in the picker: the step searches, platform-admins comes first.
    await host.send('rbac', { type: 'search', prefix: 'plat' });
    const group = store.getState().stepStates.rbac!.groupSearch!.groups[0]!;
    expect(group.name).toBe('platform-admins');
    await host.send('rbac', { type: 'propose', candidate: candidate.id, group: group.id });
    expect(s.view().plan?.[0]).toBe(
      `Give Azure role "Azure Kubernetes Service RBAC Cluster Admin" on the cluster to Entra group platform-admins (${group.id}) instead of user ${JORDAN}.`,
    );
    const before = sim.log.writes().length;
    const sent = host.send('rbac', { type: 'action', key: 'r' });
    await until(
      () => store.getState().confirmation?.change.startsWith('Assign') === true,
      'assign',
    );
    expect(store.getState().confirmation).toMatchObject({ typed: 'aks-shop-prod' });
    store.answer(true);
    await until(
      () => store.getState().confirmation?.change.startsWith('Delete') === true,
      'delete',
    );
    store.answer(true);
    await sent;
    expect(s.view().result?.[0]).toMatch(/^✔ Verified: user 1c7a8b4d-.* no longer holds/);
    const writes = sim.log
      .writes()
      .slice(before)
      .map((w) => `${w.method} ${w.status}`);
    expect(writes).toEqual(['PUT 201', 'DELETE 200']);
    const held = sim.aks.roleAssignments.assignments.filter(
      (a) => a.roleId === 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
    );
    expect(held.map((a) => [a.principalId, a.principalType])).toEqual([[group.id, 'Group']]);
    // The user is no longer a candidate; the findings no longer name them for that role.
    expect(
      (s.view().findings ?? []).some(
        (f) => f.id === 'rbac.azure-user-assignment' && f.principal?.id === JORDAN,
      ),
    ).toBe(false);
    const lines = await s.journalLines();
    expect(lines.filter((l) => l['type'] === 'intent').map((l) => l['action'])).toEqual([
      'create role assignment',
      'delete role assignment',
    ]);
  });

  it('in --dry-run the role assignment changes are shown, not sent', async () => {
    const s = await stepSession(sim, 'rbac', rbacStep, { dryRun: true });
    await s.host.open('rbac');
    const sam = s.store
      .getState()
      .stepStates.rbac!.candidates.find(
        (c) => c.user === 'sam@contoso.com' && c.id.startsWith('azure:'),
      )!;
    await s.host.send('rbac', {
      type: 'propose',
      candidate: sam.id,
      group: '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70',
    });
    expect(viewText(s.view().plan ?? [])).toContain('⚠ sam@contoso.com is not in platform-admins');
    const before = sim.log.entries.length;
    // An ARM change in --dry-run is asked as for real (marked as a dry run), shown, never sent.
    const sent = s.host.send('rbac', { type: 'action', key: 'r' });
    await until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    expect(s.store.getState().confirmation).toMatchObject({ dryRun: true });
    s.store.answer(true);
    await sent;
    expect(sim.log.entries.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
    expect(s.view().result?.join(' ')).toContain('nothing was changed');
  });
});
