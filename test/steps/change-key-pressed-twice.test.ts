// A change key pressed twice (a double tap, key repeat, two keys in one read) on a step whose
// action reads before it asks (node-image reads the pool's budgets) starts the change once: the
// second press, while the first is read, asked or run, asks nothing and sends nothing.
import { afterEach, expect, it } from 'vitest';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import { rig, type StepRig } from './step-harness.js';

const fast = makeNodeImageStep({ updateIntervalInMs: 5, nodePollMs: 5 });
let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

async function pressTwice(yesToLater: boolean, oneAfterTheOther = false, yesToFirst = true) {
  r = await rig('demo', 400, 'node-image', fast);
  await r.host.open('node-image');
  const questions: string[] = [];
  let answered = 0;
  // The operator: yes to the first question; to any later one, `yesToLater`.
  const unsubscribe = r.store.subscribe(() => {
    const { confirmation, asked = 0 } = r!.store.getState();
    if (!confirmation || asked <= answered) return;
    answered = asked;
    questions.push(confirmation.change);
    const yes = questions.length === 1 ? yesToFirst : yesToLater;
    queueMicrotask(() => r!.store.answer(yes));
  });
  const first = r.host.send('node-image', { type: 'action', key: '1' });
  if (oneAfterTheOther) await first;
  const second = r.host.send('node-image', { type: 'action', key: '1' });
  await Promise.allSettled([first, second]);
  unsubscribe();
  const result = (r.store.getState().stepViews['node-image']?.result ?? []).join('\n');
  const posts = r.sim.log.entries.filter(
    (e) => e.effect !== 'read' && /upgradeNodeImageVersion/.test(e.path),
  );
  return { questions: questions.length, posts: posts.length, result };
}

it('a second 1 pressed before the question appears asks nothing more (Cancel to it)', async () => {
  expect(await pressTwice(false)).toMatchObject({ questions: 1, posts: 1 });
}, 60_000);

it('a second 1 answered yes too sends one POST, and the step does not say failed while the upgrade runs', async () => {
  const seen = await pressTwice(true);
  // It was: 2 questions, 2 POSTs, the second refused 409 by ARM, and the Result read
  // "✖ Node image upgrade of pool system failed: OperationNotAllowed (HTTP 409)" about the
  // upgrade that the first POST started and that succeeds.
  expect(seen.posts).toBe(1);
  expect(seen.result).not.toMatch(/failed|already open/);
}, 60_000);

it('the key asks again once its first press has ended (No to both)', async () => {
  expect(await pressTwice(false, true, false)).toMatchObject({ questions: 2, posts: 0 });
}, 60_000);
