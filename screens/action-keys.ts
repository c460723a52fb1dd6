import type { StepActionView } from '../src/steps/contract/view.js';
import type { KeyBinding } from './key-table.js';

/**
 * One binding per action that can be used now (the help lists each with its label); the footer
 * shows them as one item, `t/c/o/r actions`, because the Actions section names them all.
 */
export function actionBindings(
  actions: readonly StepActionView[] | undefined,
  run: (key: string) => void,
): KeyBinding[] {
  const usable = (actions ?? []).filter((a) => !a.unavailable);
  return usable.map((a, index) => ({
    keys: [a.key],
    does: a.label,
    ...(index === 0
      ? {
          short: usable.map((u) => u.key).join('/'),
          hint: usable.length === 1 ? 'action' : 'actions',
        }
      : {}),
    run: () => run(a.key),
  }));
}
