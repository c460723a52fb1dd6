import { RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { rbacStep } from '../../src/steps/rbac/index.js';
import type { RbacScreenState } from '../../src/steps/rbac/state.js';
import { stepSession, until } from './security-step-session.js';
import { viewText } from '../../src/steps/contract/view.js';

const GROUP = '2d4f6a8b-1c3e-4a5b-8c7d-9e0f1a2b3c4d';
const SAM = 'RoleBinding/payments/sam-secret-reader#sam@contoso.com';
const JORDAN = 'ClusterRoleBinding/jordan-cluster-admin#jordan@contoso.com';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
});
afterAll(async () => {
  await sim.close();
});

async function roleBindingNames(kc: KubeConfig, namespace: string): Promise<string[]> {
  const api = kc.makeApiClient(RbacAuthorizationV1Api);
  return (await api.listNamespacedRoleBinding({ namespace })).items.map((b) => b.metadata!.name!);
}

function stateOf(s: Awaited<ReturnType<typeof stepSession>>): RbacScreenState {
  return s.store.getState().stepStates.rbac as RbacScreenState;
}

describe('rbac step on the demo cluster', () => {
  let session: Awaited<ReturnType<typeof stepSession>> | undefined;
  afterEach(async () => {
    await session?.host.stop();
  });

  it('finds users bound directly, cluster-admin and secret readers; built-ins are excluded', async () => {
    session = await stepSession(sim, 'rbac', rbacStep);
    await session.host.open('rbac');
    const found = (session.view().findings ?? []).map((f) => `${f.id} ${f.object?.name}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'rbac.user-subject jordan-cluster-admin',
        'rbac.cluster-admin jordan-cluster-admin',
        // The cluster's Entra admin group bound once more: info, never high.
        'rbac.aks-admin-group aks-admins-cluster-admin',
        'rbac.user-subject sam-secret-reader',
        'rbac.secrets-read sam-secret-reader',
        // AKS's own binding of the Entra admin group: excluded, but its membership is reported.
        'rbac.aks-admin-group aks-cluster-admin-binding-aad',
      ]),
    );
    expect(
      found.filter((f) => / (system:|cluster-admin$|aks-cluster-admin-binding$)/.test(f)),
    ).toEqual([]);
    expect(found).not.toContain('rbac.cluster-admin aks-admins-cluster-admin');
    // The operator may create subjectaccessreviews: every high finding was confirmed by the server.
    const high = (session.view().findings ?? []).filter((f) => f.severity === 'high');
    expect(high.length).toBeGreaterThan(0);
    expect(high.map((f) => f.confirmedBy)).toEqual(high.map(() => 'api-server'));
    expect(session.view().summary?.join('\n')).toMatch(/confirmed by the API server/);
    const state = stateOf(session);
    expect(state.excluded.map((e) => e.binding)).toEqual(
      expect.arrayContaining([
        'ClusterRoleBinding/cluster-admin',
        'ClusterRoleBinding/aks-cluster-admin-binding',
      ]),
    );
    expect(state.candidates.map((c) => [c.id, c.adminLevel, c.unavailable])).toEqual([
      [JORDAN, true, undefined],
      [SAM, false, undefined],
    ]);
  });

  it('refuses a group id that is not a GUID', async () => {
    session = await stepSession(sim, 'rbac', rbacStep);
    await session.host.open('rbac');
    await session.host.send('rbac', { type: 'propose', candidate: SAM, group: 'payments-admins' });
    expect(stateOf(session).error).toMatch(/not an Entra group object id/);
    expect(stateOf(session).proposal).toBeUndefined();
    expect(session.view().actions).toEqual([]);
  });

  it('cancel at the typed confirmation changes nothing (only the dry runs reached the server)', async () => {
    session = await stepSession(sim, 'rbac', rbacStep);
    await session.host.open('rbac');
    await session.host.send('rbac', { type: 'propose', candidate: JORDAN, group: GROUP });
    const before = sim.log.entries.length;
    const sent = session.host.send('rbac', { type: 'action', key: 'r' });
    await until(() => session!.store.getState().confirmation !== undefined, 'the confirmation');
    expect(session.store.getState().confirmation).toMatchObject({ typed: 'aks-shop-prod' });
    session.store.answer(false);
    await sent;
    expect(session.view().result).toEqual(['Cancelled: nothing was changed.']);
    const effects = sim.log.entries.slice(before).map((e) => e.effect);
    expect(effects.filter((e) => e === 'write')).toEqual([]);
    expect(effects.filter((e) => e === 'dry-run')).toHaveLength(2);
  });

  it('replaces a user with a group: dry run, create, confirm again, remove; journaled; verified', async () => {
    session = await stepSession(sim, 'rbac', rbacStep);
    const { host, store, connection } = session;
    await host.open('rbac');
    await host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP.toUpperCase() });
    expect(viewText(session.view().plan ?? [])).toMatch(
      /name: sam-secret-reader-group[\s\S]*kind: Group\n\s+name: 2d4f6a8b/,
    );
    expect(session.view().actions?.map((a) => a.key)).toEqual(['r', 'e']);
    const sent = host.send('rbac', { type: 'action', key: 'r' });
    await until(() => store.getState().confirmation !== undefined, 'the first confirmation');
    const first = store.getState().confirmation!;
    expect(first.change).toMatch(
      /^Create RoleBinding\/payments\/sam-secret-reader-group granting Role secret-reader/,
    );
    expect(first.typed).toBeUndefined();
    store.answer(true);
    await until(
      () => store.getState().confirmation?.change.startsWith('Delete') === true,
      'the second confirmation',
    );
    expect(await roleBindingNames(connection.kc, 'payments')).toEqual(
      expect.arrayContaining(['sam-secret-reader', 'sam-secret-reader-group']),
    );
    store.answer(true);
    await sent;

    const names = await roleBindingNames(connection.kc, 'payments');
    expect(names).toContain('sam-secret-reader-group');
    expect(names).not.toContain('sam-secret-reader');
    const api = connection.kc.makeApiClient(RbacAuthorizationV1Api);
    const created = await api.readNamespacedRoleBinding({
      name: 'sam-secret-reader-group',
      namespace: 'payments',
    });
    expect(created.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: GROUP },
    ]);
    expect(created.roleRef).toMatchObject({ kind: 'Role', name: 'secret-reader' });
    expect(created.metadata?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'aks-runbook',
    });
    expect(session.view().result?.[0]).toMatch(
      /^✔ Verified: sam@contoso.com is no longer bound directly/,
    );
    expect(stateOf(session).candidates.map((c) => c.id)).toEqual([JORDAN]);
    expect(session.view().actions?.map((a) => a.key)).toEqual(['u']);

    const lines = await session.journalLines();
    const intents = lines.filter((l) => l['type'] === 'intent');
    expect(intents.map((l) => `${String(l['action'])} ${String(l['target'])}`)).toEqual([
      'dry-run create rolebinding RoleBinding/payments/sam-secret-reader-group',
      'dry-run delete rolebinding RoleBinding/payments/sam-secret-reader',
      'create rolebinding RoleBinding/payments/sam-secret-reader-group',
      'delete rolebinding RoleBinding/payments/sam-secret-reader',
    ]);
    for (const intent of intents)
      expect(lines.find((l) => l['type'] === 'result' && l['id'] === intent['id'])).toMatchObject({
        outcome: 'ok',
      });
    expect(lines.filter((l) => l['type'] === 'confirmation').map((l) => l['answer'])).toEqual([
      'yes',
      'yes',
    ]);
  });

  it('typed confirmations for cluster-admin, then undo in the same session puts the user back', async () => {
    session = await stepSession(sim, 'rbac', rbacStep);
    const { host, store, connection } = session;
    await host.open('rbac');
    await host.send('rbac', { type: 'propose', candidate: JORDAN, group: GROUP });
    const sent = host.send('rbac', { type: 'action', key: 'r' });
    for (const stage of ['Create', 'Delete']) {
      await until(() => store.getState().confirmation?.change.startsWith(stage) === true, stage);
      expect(store.getState().confirmation?.typed).toBe('aks-shop-prod');
      store.answer(true);
    }
    await sent;
    const api = connection.kc.makeApiClient(RbacAuthorizationV1Api);
    const names = async () =>
      (await api.listClusterRoleBinding()).items.map((b) => b.metadata!.name!);
    expect(await names()).toEqual(expect.arrayContaining(['jordan-cluster-admin-group']));
    expect(await names()).not.toContain('jordan-cluster-admin');

    const undo = host.send('rbac', { type: 'action', key: 'u' });
    await until(
      () => store.getState().confirmation?.change.startsWith('Undo') === true,
      'the undo question',
    );
    store.answer(true);
    await undo;
    expect(await names()).toContain('jordan-cluster-admin');
    expect(await names()).not.toContain('jordan-cluster-admin-group');
    expect(stateOf(session).candidates.map((c) => c.id)).toContain(JORDAN);
  });
});
