// The rbac replacement asks twice: the group binding's creation, then the user's removal. A look
// failing between the two (here: the look that verifies an undo, still running when the
// replacement was asked for) makes the step stale; the removal was planned on facts that may no
// longer hold, so a yes to the second question must not send it, as a yes to any first question
// on a step gone stale sends nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { rbacStep } from '../../src/steps/rbac/index.js';
import { rig, until, type StepRig } from './step-harness.js';

const GROUP = '2d4f6a8b-1c3e-4a5b-8c7d-9e0f1a2b3c4d';
const SAM = 'RoleBinding/payments/sam-secret-reader#sam@contoso.com';
const JORDAN = 'ClusterRoleBinding/jordan-cluster-admin#jordan@contoso.com';

let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

/** Waits for the question whose change starts with `start`, and answers it yes. */
async function yes(x: StepRig, start: string): Promise<void> {
  await until(() => x.store.getState().confirmation?.change.startsWith(start) === true, start);
  x.store.answer(true);
}

describe('rbac: a look failing between the two questions of a replacement', () => {
  it('the yes to the removal sends nothing; the step says why', async () => {
    r = await rig('demo', 600, 'rbac', rbacStep);
    const { host, store, sim } = r;
    const view = () => store.getState().stepViews.rbac ?? {};
    await host.open('rbac');
    // A replacement done, so there is one to undo.
    await host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
    const first = host.send('rbac', { type: 'action', key: 'r' });
    await yes(r, 'Create');
    await yes(r, 'Delete');
    await first;
    await host.send('rbac', { type: 'propose', candidate: JORDAN, group: GROUP });
    expect(view().actions?.map((a) => a.key)).toEqual(['r', 'e', 'u']);

    // The undo's verifying look hangs on its list of ClusterRoles, then fails.
    let arm = false;
    const held = sim.hold(
      (method, path) =>
        arm && method === 'GET' && path === '/apis/rbac.authorization.k8s.io/v1/clusterroles',
    );
    arm = true;
    const undo = host.send('rbac', { type: 'action', key: 'u' });
    await yes(r, 'Undo');
    await held.reached;
    const replace = host.send('rbac', { type: 'action', key: 'r' });
    await yes(r, 'Create ClusterRoleBinding/jordan-cluster-admin-group');
    await until(
      () => store.getState().confirmation?.change.startsWith('Delete') === true,
      'the second question',
    );
    held.drop();
    await undo;
    expect(view().summary?.[0]).toMatch(/^▲ STALE:/);
    store.answer(true);
    await replace;
    const removals = sim.log
      .writes()
      .filter((w) => w.method === 'DELETE' && w.path.endsWith('/jordan-cluster-admin'));
    expect(removals).toEqual([]);
    expect(view().progress?.join('\n')).toMatch(/Not started: a look failed while you were asked/);
  }, 90_000);
});
