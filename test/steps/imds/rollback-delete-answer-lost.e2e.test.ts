// Rolling back when the API server deleted a policy and its answer was lost (the simulator's
// loseAnswer fault): the step reports "deleted nothing" and a stop, although the policy is gone.
// The step settles a lost create by reading the policy again (README, "A Kubernetes write whose
// answer was lost ... is read again at once"); the delete of the same object is not settled, so
// the screen states the opposite of what happened on the cluster. Fixed: the delete is settled by
// one read, as the create is (gone: deleted; still there: not deleted; read failed: unknown).
// Spec: https://kubernetes.io/docs/reference/using-api/api-concepts/ (a request may be processed
// though its response never arrives; read the object to learn its state).
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../../src/sim/faults.js';
import { imdsSession, type ImdsSession } from './harness.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Only the first DELETE of a NetworkPolicy loses its answer; everything else passes. */
const LOSE_DELETE: FaultSpec = {
  api: 'kube',
  loseAnswer: 1,
  pathPattern: '^/apis/networking.k8s.io/v1/namespaces/[^/]+/networkpolicies/[^/]+$',
  methods: ['DELETE'],
};

async function press(s: ImdsSession, key: 'a' | 'r'): Promise<string[]> {
  const sent = s.host.send('imds', { type: 'action', key });
  await s.until(() => s.store.getState().confirmation !== undefined, `the ${key} confirmation`);
  s.store.answer(true);
  await sent;
  return s.store.getState().stepViews.imds?.result ?? [];
}

describe('imds rollback: a delete whose answer was lost', () => {
  it('does not say "deleted nothing" when the policy was deleted', async () => {
    const s = (session = await imdsSession('demo', {}, LOSE_DELETE));
    await s.host.open('imds');
    await press(s, 'a');
    expect(await s.policies()).toContain('default/restrict-instance-metadata');
    const result = await press(s, 'r');
    // The fact under test: the first delete took effect on the cluster.
    expect(await s.policies()).not.toContain('default/restrict-instance-metadata');
    // Correct: the screen counts it deleted (or says its outcome is unknown), never "nothing".
    expect(result.join('\n')).not.toContain('deleted nothing');
    expect(result[0]).toMatch(/^✔ Rolled back: deleted .*default\/restrict-instance-metadata/);
  });
});
