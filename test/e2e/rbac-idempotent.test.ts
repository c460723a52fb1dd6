// Re-running a replacement that stopped half way adopts what exists: no second group binding,
// and a same-named binding with other content is never overwritten.
import { RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { rbacStep } from '../../src/steps/rbac/index.js';
import type { RbacScreenState } from '../../src/steps/rbac/state.js';
import { stepSession, until } from './security-step-session.js';
import { viewText } from '../../src/steps/contract/view.js';

const GROUP = '2d4f6a8b-1c3e-4a5b-8c7d-9e0f1a2b3c4d';
const OTHER = '7e7e7e7e-1111-4222-8333-944444444444';
const SAM = 'RoleBinding/payments/sam-secret-reader#sam@contoso.com';

type Session = Awaited<ReturnType<typeof stepSession>>;
let sim: Simulator | undefined;
let session: Session | undefined;
afterEach(async () => {
  await session?.host.stop();
  await sim?.close();
  session = undefined;
  sim = undefined;
});

async function open(): Promise<Session> {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
  session = await stepSession(sim, 'rbac', rbacStep);
  await session.host.open('rbac');
  return session;
}

/** The payments role bindings that grant something to a Group, by name. */
async function groupBindings(kc: KubeConfig): Promise<string[]> {
  const api = kc.makeApiClient(RbacAuthorizationV1Api);
  const all = await api.listNamespacedRoleBinding({ namespace: 'payments' });
  return all.items
    .filter((b) => b.subjects?.some((s) => s.kind === 'Group'))
    .map((b) => b.metadata!.name!);
}

/** Presses r and answers each confirmation in turn; returns the changes asked about. */
async function replace(s: Session, answers: boolean[]): Promise<string[]> {
  const asked: string[] = [];
  const sent = s.host.send('rbac', { type: 'action', key: 'r' });
  for (const answer of answers) {
    await until(
      () => s.store.getState().confirmation !== undefined,
      `question ${asked.length + 1}`,
    );
    asked.push(s.store.getState().confirmation!.change);
    s.store.answer(answer);
  }
  await sent;
  return asked;
}

describe('rbac replacement, run again', () => {
  it('cancel the removal, redo: the group binding is adopted, never created twice', async () => {
    const s = await open();
    await s.host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
    expect(await replace(s, [true, false])).toEqual([
      expect.stringMatching(/^Create RoleBinding\/payments\/sam-secret-reader-group /),
      expect.stringMatching(
        /^Remove user sam@contoso.com|^Delete RoleBinding\/payments\/sam-secret-reader /,
      ),
    ]);
    expect(await groupBindings(s.connection.kc)).toEqual(['sam-secret-reader-group']);

    await s.host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
    expect(viewText(s.view().plan ?? [])).toMatch(
      /RoleBinding\/payments\/sam-secret-reader-group already grants this role to the group .*already in place/,
    );
    const before = sim!.log.entries.length;
    const asked = await replace(s, [true]);
    // One question only: the removal; nothing to create.
    expect(asked).toEqual([expect.stringMatching(/^(Remove user|Delete) /)]);
    expect(s.view().progress?.join('\n') ?? '').toMatch(/already in place/);
    expect(await groupBindings(s.connection.kc)).toEqual(['sam-secret-reader-group']);
    const creates = sim!.log.entries
      .slice(before)
      .filter((e) => e.effect === 'write' && e.method === 'POST');
    expect(creates).toEqual([]);
    expect(s.view().result?.[0]).toMatch(
      /^✔ Verified: sam@contoso.com is no longer bound directly/,
    );

    const intents = (await s.journalLines()).filter((l) => l['type'] === 'intent');
    expect(
      intents.filter((l) => String(l['action']) === 'create rolebinding').map((l) => l['target']),
    ).toEqual(['RoleBinding/payments/sam-secret-reader-group']);
  });

  it('a same-named binding made since the look with another group is not overwritten', async () => {
    const s = await open();
    await s.host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
    const api = s.connection.kc.makeApiClient(RbacAuthorizationV1Api);
    await api.createNamespacedRoleBinding({
      namespace: 'payments',
      body: {
        metadata: { name: 'sam-secret-reader-group', namespace: 'payments' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'secret-reader' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: OTHER }],
      },
    });
    const before = sim!.log.entries.length;
    // Refused at the dry run: no question is asked.
    await s.host.send('rbac', { type: 'action', key: 'r' });
    expect(s.store.getState().confirmation).toBeUndefined();
    expect(sim!.log.entries.slice(before).filter((e) => e.effect === 'write')).toEqual([]);
    const shown = [...(s.view().progress ?? []), ...(s.view().result ?? [])].join('\n');
    expect(shown).toMatch(/sam-secret-reader-group was created by someone else since the look/);
    expect(shown).toMatch(new RegExp(`does not name Group ${GROUP}`));
    expect(shown).toMatch(new RegExp(`also names Group ${OTHER}`));
    const kept = await api.readNamespacedRoleBinding({
      name: 'sam-secret-reader-group',
      namespace: 'payments',
    });
    expect(kept.subjects?.map((x) => x.name)).toEqual([OTHER]);
    // The user was not removed: nothing happened after the refusal.
    const names = (await api.listNamespacedRoleBinding({ namespace: 'payments' })).items.map(
      (b) => b.metadata!.name!,
    );
    expect(names).toContain('sam-secret-reader');
  });

  it('undo after the group binding was deleted elsewhere says it is already gone', async () => {
    const s = await open();
    await s.host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
    await replace(s, [true, false]);
    const api = s.connection.kc.makeApiClient(RbacAuthorizationV1Api);
    await api.deleteNamespacedRoleBinding({
      name: 'sam-secret-reader-group',
      namespace: 'payments',
    });
    const undo = s.host.send('rbac', { type: 'action', key: 'u' });
    await until(() => s.store.getState().confirmation !== undefined, 'the undo question');
    s.store.answer(true);
    await undo;
    expect(s.view().progress?.join('\n') ?? '').toMatch(
      /already gone: RoleBinding\/payments\/sam-secret-reader-group/,
    );
    expect(s.view().result).toEqual(['✔ Undone: the bindings are as they were.']);
    expect((s.store.getState().stepStates.rbac as RbacScreenState).last).toBeUndefined();
  });
});
