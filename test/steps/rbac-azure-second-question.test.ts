// Giving a user's Azure role assignment to a group asks twice: the group's assignment, then the
// removal of the user's. The second question goes through the lifecycle's stale-checked ask: a no
// deletes nothing, a yes on a step gone stale while it was asked deletes nothing, and a yes on a
// fresh step deletes exactly the user's assignment. Real ARM clients over HTTPS; the simulator's
// request log counts what was sent.
import { afterEach, describe, expect, it } from 'vitest';
import { rbacStep } from '../../src/steps/rbac/index.js';
import { viewText } from '../../src/steps/contract/view.js';
import { rig, until, type StepRig } from './step-harness.js';

const JORDAN = '1c7a8b4d-2e3f-4a61-9bac-1d2e3f4a5b6c';
const PLATFORM_ADMINS = '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70';
const ADMIN_ROLE = 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b';
const READER_ROLE = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const SAM_BINDING = 'RoleBinding/payments/sam-secret-reader#sam@contoso.com';

let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

/** Waits for the question whose change starts with `start`, and answers it. */
async function answer(x: StepRig, start: string, yes: boolean): Promise<void> {
  await until(() => x.store.getState().confirmation?.change.startsWith(start) === true, start);
  x.store.answer(yes);
}

/** Jordan's RBAC Cluster Admin assignment on the cluster, proposed for platform-admins. */
async function proposeJordan(x: StepRig): Promise<string> {
  const candidate = x.store
    .getState()
    .stepStates.rbac!.candidates.find(
      (c) => c.user === 'jordan@contoso.com' && c.id.startsWith('azure:'),
    )!;
  await x.host.send('rbac', { type: 'propose', candidate: candidate.id, group: PLATFORM_ADMINS });
  return candidate.id.slice('azure:'.length);
}

/** The role assignment writes sent since `from`: method, path, status. */
function assignmentWrites(x: StepRig, from: number): string[] {
  return x.sim.log
    .writes()
    .slice(from)
    .filter((w) => /\/roleAssignments\//i.test(w.path))
    .map((w) => `${w.method} ${w.path} ${w.status}`);
}

/** Who holds RBAC Cluster Admin, in the simulator. */
function adminHolders(x: StepRig): string[] {
  return x.sim.aks.roleAssignments.assignments
    .filter((a) => a.roleId === ADMIN_ROLE)
    .map((a) => a.principalId)
    .sort();
}

describe("rbac: the second question of an Azure role assignment's replacement", () => {
  it('no: the group is assigned, no DELETE is sent, the user keeps the role', async () => {
    r = await rig('azure-rbac', 600, 'rbac', rbacStep);
    const view = () => r!.store.getState().stepViews.rbac ?? {};
    await r.host.open('rbac');
    await proposeJordan(r);
    const before = r.sim.log.writes().length;
    const sent = r.host.send('rbac', { type: 'action', key: 'r' });
    await answer(r, 'Assign', true);
    await answer(r, 'Delete', false);
    await sent;
    const writes = assignmentWrites(r, before);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^PUT .* 201$/);
    expect(adminHolders(r)).toEqual([JORDAN, PLATFORM_ADMINS].sort());
    expect(view().result?.[0]).toMatch(/user 1c7a8b4d-.* still holds it too/);
    const lines = r.journalLines();
    expect(lines.filter((l) => l['type'] === 'intent').map((l) => l['action'])).toEqual([
      'create role assignment',
    ]);
    const answers = lines.filter((l) => l['type'] === 'confirmation').map((l) => l['answer']);
    expect(answers).toEqual(['yes', 'no']);
  }, 60_000);

  it('yes on a step gone stale while asked: no DELETE is sent; the step says why', async () => {
    r = await rig('azure-rbac', 600, 'rbac', rbacStep);
    const { host, store, sim } = r;
    const view = () => store.getState().stepViews.rbac ?? {};
    await host.open('rbac');
    // A binding replacement done first, so there is one to undo.
    await host.send('rbac', { type: 'propose', candidate: SAM_BINDING, group: PLATFORM_ADMINS });
    const first = host.send('rbac', { type: 'action', key: 'r' });
    await answer(r, 'Create', true);
    await answer(r, 'Delete', true);
    await first;
    await proposeJordan(r);
    expect(view().actions?.map((a) => a.key)).toEqual(['r', 'u']);

    // The undo's verifying look hangs on its list of ClusterRoles, then fails.
    let arm = false;
    const held = sim.hold(
      (method, path) =>
        arm && method === 'GET' && path === '/apis/rbac.authorization.k8s.io/v1/clusterroles',
    );
    arm = true;
    const undo = host.send('rbac', { type: 'action', key: 'u' });
    await answer(r, 'Undo', true);
    await held.reached;
    const before = sim.log.writes().length;
    const replace = host.send('rbac', { type: 'action', key: 'r' });
    await answer(r, 'Assign', true);
    await until(
      () => store.getState().confirmation?.change.startsWith('Delete') === true,
      'the second question',
    );
    held.drop();
    await undo;
    expect(view().summary?.[0]).toMatch(/^▲ STALE:/);
    store.answer(true);
    await replace;
    const writes = assignmentWrites(r, before);
    expect(writes.filter((w) => w.startsWith('DELETE'))).toEqual([]);
    expect(writes).toHaveLength(1);
    expect(adminHolders(r)).toEqual([JORDAN, PLATFORM_ADMINS].sort());
    expect(view().progress?.join('\n')).toMatch(/Not started: a look failed while you were asked/);
    expect(view().result?.join('\n')).not.toMatch(/no longer holds|deleted/);
  }, 90_000);

  it("yes: exactly the user's assignment is deleted, once", async () => {
    r = await rig('azure-rbac', 600, 'rbac', rbacStep);
    await r.host.open('rbac');
    const others = r.sim.aks.roleAssignments.assignments.length;
    const id = await proposeJordan(r);
    const before = r.sim.log.writes().length;
    const sent = r.host.send('rbac', { type: 'action', key: 'r' });
    await answer(r, 'Assign', true);
    await answer(r, 'Delete', true);
    await sent;
    const deletes = assignmentWrites(r, before).filter((w) => w.startsWith('DELETE'));
    expect(deletes).toEqual([`DELETE ${id} 200`]);
    expect(adminHolders(r)).toEqual([PLATFORM_ADMINS]);
    // One added, one removed: every other assignment is untouched.
    expect(r.sim.aks.roleAssignments.assignments).toHaveLength(others);
  }, 60_000);

  it('no, then the replacement proposed again: only the removal is asked and sent', async () => {
    r = await rig('azure-rbac', 600, 'rbac', rbacStep);
    const x = r;
    await x.host.open('rbac');
    await proposeJordan(x);
    const first = x.host.send('rbac', { type: 'action', key: 'r' });
    await answer(x, 'Assign', true);
    await answer(x, 'Delete', false);
    await first;

    // The group holds the role at that scope now: ARM refuses a second such assignment
    // (RoleAssignmentExists), so the plan only removes the user's.
    const id = await proposeJordan(x);
    expect(viewText(x.store.getState().stepViews.rbac?.plan ?? [])).toMatch(/already holds/);
    const before = x.sim.log.writes().length;
    const sent = x.host.send('rbac', { type: 'action', key: 'r' });
    await until(() => x.store.getState().confirmation, 'a question');
    expect(x.store.getState().confirmation?.change).toMatch(/^Delete user /);
    x.store.answer(true);
    await sent;
    expect(assignmentWrites(x, before)).toEqual([`DELETE ${id} 200`]);
    expect(adminHolders(x)).toEqual([PLATFORM_ADMINS]);
    expect(x.store.getState().stepViews.rbac?.result?.[0]).toMatch(
      /^✔ Verified: user .* no longer holds/,
    );
  }, 60_000);

  it("the group's assignment reads back with another role: the user's is not deleted", async () => {
    r = await rig('azure-rbac', 600, 'rbac', rbacStep);
    const x = r;
    await x.host.open('rbac');
    await proposeJordan(x);
    const first = x.host.send('rbac', { type: 'action', key: 'r' });
    await answer(x, 'Assign', true);
    await answer(x, 'Delete', false);
    await first;
    await proposeJordan(x);
    expect(viewText(x.store.getState().stepViews.rbac?.plan ?? [])).toMatch(/already holds/);
    const before = x.sim.log.writes().length;
    const sent = x.host.send('rbac', { type: 'action', key: 'r' });
    await until(() => x.store.getState().confirmation, 'a question');
    // Between the look and the read-back, the group's assignment (same id) changed.
    const groups = x.sim.aks.roleAssignments.assignments.filter(
      (a) => a.principalId === PLATFORM_ADMINS && a.roleId === ADMIN_ROLE,
    );
    expect(groups).toHaveLength(1);
    groups[0]!.roleId = READER_ROLE;
    x.store.answer(true);
    await sent;
    expect(assignmentWrites(x, before)).toEqual([]);
    expect(adminHolders(x)).toEqual([JORDAN]);
    const said = [
      ...(x.store.getState().stepViews.rbac?.progress ?? []),
      ...(x.store.getState().stepViews.rbac?.result ?? []),
    ].join('\n');
    expect(said).toMatch(
      /reads back with another role than planned; the user's assignment was not deleted/,
    );
  }, 60_000);
});
