import type { StepId } from '../src/model/checklist.js';

// Where Esc goes: the steps opened on the way, the one on screen last. The checklist opens a step
// on an empty stack; the logic handing over to another step (a failed upgrade opens drain with
// its nodes) puts it on top, so Esc from there returns to the step it came from. Pure.

/** The steps opened, in order; the last is on screen, an empty stack is the checklist. */
export type StepStack = readonly StepId[];

/** The operator opened `id` from the checklist (or jumped to it): it is the only step open. */
export function openFromChecklist(id: StepId): StepStack {
  return [id];
}

/**
 * A step took the operator to `id`: it goes on top. A step already on the stack is not stacked
 * twice (Esc never cycles): the stack is cut back to it.
 */
export function handOver(stack: StepStack, id: StepId): StepStack {
  const at = stack.indexOf(id);
  return at === -1 ? [...stack, id] : stack.slice(0, at + 1);
}

/** Esc: the step on top closes and the one below it (or the checklist) shows again. */
export function back(stack: StepStack): StepStack {
  return stack.slice(0, -1);
}

/** The step on screen, if any. */
export function onTop(stack: StepStack): StepId | undefined {
  return stack.at(-1);
}
