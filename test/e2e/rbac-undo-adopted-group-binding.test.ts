// Undo of a replacement that adopted an existing group binding (made by an earlier run whose
// removal was declined) leaves that binding: this replacement did not create it, and deleting it
// would take the role from every member of the group.
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { rbacStep } from '../../src/steps/rbac/index.js';
import { stepSession, until } from '../e2e/security-step-session.js';

const GROUP = '2d4f6a8b-1c3e-4a5b-8c7d-9e0f1a2b3c4d';
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

/** Presses `key` and answers each confirmation in turn. */
async function press(s: Session, key: string, answers: boolean[]): Promise<void> {
  const sent = s.host.send('rbac', { type: 'action', key });
  for (const [i, answer] of answers.entries()) {
    await until(() => s.store.getState().confirmation !== undefined, `question ${i + 1}`);
    s.store.answer(answer);
  }
  await sent;
}

describe('undo of a replacement that adopted the group binding', () => {
  // The undo promises the state before the replacement (README, rbac step: "Undo ... the bindings
  // are as they were"); the adopted binding existed then (RBAC: a binding grants its role to every
  // member of its Group subject), so only the user's removal is this replacement's to undo.
  it('keeps the group binding it did not create, and re-binds the user', async () => {
    sim = await startSimulator({ scenario: 'demo', speed: 600 });
    const s = (session = await stepSession(sim, 'rbac', rbacStep));
    await s.host.open('rbac');
    // First run: the group binding is created, the user's removal declined (kept on purpose).
    await s.host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
    await press(s, 'r', [true, false]);
    // Second run: the group binding is adopted, the user removed.
    await s.host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
    await press(s, 'r', [true]);
    expect(s.view().result?.[0]).toMatch(/^✔ Verified/);
    // Undo the second replacement: the question says the group binding stays.
    const undo = s.host.send('rbac', { type: 'action', key: 'u' });
    await until(() => s.store.getState().confirmation !== undefined, 'the undo question');
    expect(s.store.getState().confirmation?.change).toBe(
      'Undo: bind sam@contoso.com again through RoleBinding/payments/sam-secret-reader',
    );
    s.store.answer(true);
    await undo;
    const api = s.connection.kc.makeApiClient(RbacAuthorizationV1Api);
    const names = (await api.listNamespacedRoleBinding({ namespace: 'payments' })).items.map(
      (b) => b.metadata!.name!,
    );
    expect(names).toContain('sam-secret-reader');
    expect(names).toContain('sam-secret-reader-group');
    expect(s.view().result?.[0]).toMatch(/^✔ Undone: sam@contoso.com is bound again .* stays/);
  });
});
