// A replacement's removal, and undo's deletion of the group binding, act on the binding as read
// just before, never on the plan's picture of it: a subject a colleague added since is named in
// the question and stays, and a delete is held to the version read (DeleteOptions.preconditions),
// so one changed after the read is refused and nothing is removed unasked.
import { RbacAuthorizationV1Api, type V1RoleBinding } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { rbacStep } from '../../src/steps/rbac/index.js';
import { stepSession, until } from './security-step-session.js';

const GROUP = '2d4f6a8b-1c3e-4a5b-8c7d-9e0f1a2b3c4d';
const SAM = 'RoleBinding/payments/sam-secret-reader#sam@contoso.com';
const DANA = { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'dana@contoso.com' };

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
  await session.host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
  return session;
}

const api = (s: Session) => s.connection.kc.makeApiClient(RbacAuthorizationV1Api);

/** Adds a subject to a payments binding, as a colleague's `kubectl edit` would. */
async function addSubject(s: Session, name: string, subject = DANA): Promise<void> {
  const b = await api(s).readNamespacedRoleBinding({ name, namespace: 'payments' });
  b.subjects = [...(b.subjects ?? []), subject];
  await api(s).replaceNamespacedRoleBinding({ name, namespace: 'payments', body: b });
}

/** The subjects of a payments binding, or 'deleted'. */
async function subjectsOf(s: Session, name: string): Promise<string[] | 'deleted'> {
  return api(s)
    .readNamespacedRoleBinding({ name, namespace: 'payments' })
    .then((b: V1RoleBinding) => (b.subjects ?? []).map((x) => x.name))
    .catch(() => 'deleted' as const);
}

/** Presses `key`, answers each question with yes (running `before(i)` first); the questions. */
async function answerYes(
  s: Session,
  key: string,
  count: number,
  before: (i: number) => Promise<void> = () => Promise.resolve(),
): Promise<Array<{ change: string; details: string[] }>> {
  const asked: Array<{ change: string; details: string[] }> = [];
  const sent = s.host.send('rbac', { type: 'action', key });
  for (let i = 0; i < count; i++) {
    await until(() => s.store.getState().confirmation !== undefined, `question ${i + 1}`);
    const q = s.store.getState().confirmation!;
    asked.push({ change: q.change, details: q.details ?? [] });
    await before(i);
    s.store.answer(true);
  }
  await sent;
  return asked;
}

const shown = (s: Session) => [...(s.view().progress ?? []), ...(s.view().result ?? [])].join('\n');

describe('rbac replacement: the old binding is read again before the user is removed', () => {
  it('a subject added to the old binding after the plan stays: the question names it, only the user goes', async () => {
    const s = await open();
    // Meanwhile, in another terminal: a colleague grants the same Role to dana on that binding.
    await addSubject(s, 'sam-secret-reader');
    const asked = await answerYes(s, 'r', 2);
    expect(asked[1]!.change).toBe(
      'Remove user sam@contoso.com from RoleBinding/payments/sam-secret-reader',
    );
    expect(asked[1]!.details.join('\n')).toMatch(
      /changed since the look: it also names User dana@contoso\.com[\s\S]*It keeps User dana@contoso\.com/,
    );
    expect(await subjectsOf(s, 'sam-secret-reader')).toEqual(['dana@contoso.com']);
    const intents = (await s.journalLines()).filter((l) => l['type'] === 'intent');
    expect(intents.map((l) => l['action'])).not.toContain('delete rolebinding');
    expect(intents.map((l) => l['action'])).toContain('remove user from rolebinding');
  }, 60_000);

  it('a subject added while the deletion is asked: nothing is deleted, the change is said and journaled', async () => {
    const s = await open();
    const asked = await answerYes(s, 'r', 2, async (i) => {
      if (i === 1) await addSubject(s, 'sam-secret-reader');
    });
    expect(asked[1]!.change).toMatch(/^Delete RoleBinding\/payments\/sam-secret-reader /);
    expect(await subjectsOf(s, 'sam-secret-reader')).toEqual([
      'sam@contoso.com',
      'dana@contoso.com',
    ]);
    expect(shown(s)).toMatch(
      /sam-secret-reader changed since you confirmed: it also names User dana@contoso\.com\. Nothing was deleted/,
    );
    const lines = await s.journalLines();
    expect(lines.filter((l) => l['type'] === 'intent').map((l) => l['action'])).not.toContain(
      'delete rolebinding',
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        type: 'note',
        message:
          'not changed: RoleBinding/payments/sam-secret-reader changed since it was confirmed',
      }),
    );
  }, 60_000);

  it('a change between the read and the DELETE is refused by the API server (preconditions): nothing deleted', async () => {
    const s = await open();
    const held = sim!.hold(
      (method, path, query) =>
        method === 'DELETE' && path.endsWith('/sam-secret-reader') && !query.has('dryRun'),
    );
    const sent = answerYes(s, 'r', 2);
    await held.reached;
    await addSubject(s, 'sam-secret-reader');
    held.release();
    await sent;
    expect(await subjectsOf(s, 'sam-secret-reader')).toEqual([
      'sam@contoso.com',
      'dana@contoso.com',
    ]);
    expect(shown(s)).toMatch(/sam-secret-reader changed between the read and the delete/);
    const lines = await s.journalLines();
    const intent = lines.find(
      (l) => l['type'] === 'intent' && l['action'] === 'delete rolebinding',
    )!;
    const pre = (intent['detail'] as { preconditions: Record<string, string> }).preconditions;
    expect(pre.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(pre.resourceVersion).toMatch(/^\d+$/);
    expect(lines).toContainEqual(
      expect.objectContaining({ type: 'result', id: intent['id'], outcome: 'failed' }),
    );
  }, 60_000);
});

describe('rbac undo: the group binding is deleted only as it was created', () => {
  it('a subject added to the group binding since: undo stops, deletes nothing, says what changed', async () => {
    const s = await open();
    await answerYes(s, 'r', 2);
    expect(await subjectsOf(s, 'sam-secret-reader')).toBe('deleted');
    const other = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ops' };
    await addSubject(s, 'sam-secret-reader-group', other);
    await answerYes(s, 'u', 1);
    expect(await subjectsOf(s, 'sam-secret-reader-group')).toEqual([GROUP, 'ops']);
    // Undo stopped before its second half: the old binding was not recreated either.
    expect(await subjectsOf(s, 'sam-secret-reader')).toBe('deleted');
    expect(shown(s)).toMatch(
      /sam-secret-reader-group changed since it was created: it also names Group ops\. Nothing was undone/,
    );
    const lines = await s.journalLines();
    expect(lines.filter((l) => l['type'] === 'intent').map((l) => l['action'])).not.toContain(
      'undo: delete rolebinding',
    );
    expect(lines).toContainEqual(expect.objectContaining({ type: 'note' }));
  }, 60_000);

  it('unchanged: undo deletes it held to the version read, and recreates the old binding', async () => {
    const s = await open();
    await answerYes(s, 'r', 2);
    await answerYes(s, 'u', 1);
    expect(await subjectsOf(s, 'sam-secret-reader-group')).toBe('deleted');
    expect(await subjectsOf(s, 'sam-secret-reader')).toEqual(['sam@contoso.com']);
    const intent = (await s.journalLines()).find((l) => l['action'] === 'undo: delete rolebinding');
    const pre = (intent?.['detail'] as { preconditions?: Record<string, unknown> } | undefined)
      ?.preconditions;
    expect(typeof pre?.['uid']).toBe('string');
    expect(typeof pre?.['resourceVersion']).toBe('string');
  }, 60_000);
});
