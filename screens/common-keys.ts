import type { QuitHow } from './app-actions.js';
import type { KeyBinding } from './key-table.js';

/** `?`: the help with every key of the screen. */
export function helpKey(onHelp: () => void): KeyBinding {
  return { keys: ['?'], does: 'show every key of this screen', hint: 'help', run: onHelp };
}

/**
 * `q` and Ctrl+C: quit (the app asks first while work is running). Ctrl+C is told apart, so the
 * program can exit 130 as a shell expects after an interrupt. Screens hand on the app's own quit.
 */
export function quitKeys(
  onQuit: (how?: QuitHow) => void,
  does = 'quit (asks first while work is running)',
): KeyBinding {
  return {
    keys: ['q', 'ctrl+c'],
    label: 'q Ctrl+C',
    short: 'q',
    does,
    hint: 'quit',
    run: (event) => onQuit(quitHow(event.id)),
  };
}

/** How a key quits: Ctrl+C is an interrupt. */
export function quitHow(keyId: string): QuitHow {
  return keyId === 'ctrl+c' ? 'interrupt' : undefined;
}

/** Esc: back to where the operator came from. */
export function backKey(onBack: () => void, does: string, hint = 'back'): KeyBinding {
  return { keys: ['escape'], does, hint, run: onBack };
}
