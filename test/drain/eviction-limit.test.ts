// Drain sends at most `concurrency` eviction requests at once. The hand-written limiter it used
// before let a new caller slip into the slot a queued task had just been handed: two requests
// with a limit of one. This is that interleaving, against the limiter drain uses now.
import { expect, it } from 'vitest';
import { evictionSlots } from '../../src/steps/drain/run/drain-node.js';

it('never runs two tasks at once with a limit of one, even when a caller arrives as one ends', async () => {
  const slot = evictionSlots(1);
  let active = 0;
  let most = 0;
  const counted = async (work: Promise<void>): Promise<void> => {
    active++;
    most = Math.max(most, active);
    await work;
    active--;
  };
  let endFirst!: () => void;
  const first = counted(new Promise<void>((resolve) => (endFirst = resolve)));
  const runs = [slot(() => first), slot(() => counted(Promise.resolve()))];
  // A third caller arrives as the first task ends (a retry does this): after the slot is
  // released, before the task waiting for it has resumed.
  const late = first.then(() => slot(() => counted(Promise.resolve())));
  endFirst();
  await Promise.all([...runs, late]);
  expect(most).toBe(1);
});

it('keeps the order callers asked in', async () => {
  const slot = evictionSlots(2);
  const order: number[] = [];
  await Promise.all([1, 2, 3, 4, 5].map((n) => slot(() => Promise.resolve(order.push(n)))));
  expect(order).toEqual([1, 2, 3, 4, 5]);
});
