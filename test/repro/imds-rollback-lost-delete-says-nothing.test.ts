// An imds rollback whose policy delete was made by the API server but whose answer was lost
// reads "✔ Rolled back: deleted nothing." while the policy is gone. README "Journal" → Outcome
// unknown: a change whose answer never came "is never called failed or done", and the step says
// what is known of it (it may have taken); a delete that did take must not be reported as nothing
// deleted (src/steps/imds/apply-flow.ts:81 builds the headline from the answered deletes only).
import { afterEach, describe, expect, it } from 'vitest';
import { imdsSession, type ImdsSession } from '../steps/imds/harness.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Presses `key` and answers yes to its question. */
async function yes(s: ImdsSession, key: string): Promise<void> {
  const sent = s.host.send('imds', { type: 'action', key });
  await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
  s.store.answer(true);
  await sent;
}

describe('imds rollback: a delete made, its answer lost', () => {
  it.fails('is not reported as "deleted nothing"', async () => {
    // Every NetworkPolicy delete is processed, then its answer is dropped (the stream reset).
    const s = (session = await imdsSession(
      'demo',
      {},
      { api: 'kube', methods: ['DELETE'], pathPattern: 'networkpolicies', loseAnswer: 1 },
    ));
    await s.host.open('imds');
    await yes(s, 'a');
    expect(await s.policies()).toContain('default/restrict-instance-metadata');
    await yes(s, 'r');
    // The first delete took effect on the server.
    expect(await s.policies()).not.toContain('default/restrict-instance-metadata');

    const result = (s.store.getState().stepViews.imds?.result ?? []).join('\n');
    expect(result).not.toContain('deleted nothing');
  });
});
