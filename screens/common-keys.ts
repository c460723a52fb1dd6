import type { KeyBinding } from './key-table.js';

/** `?`: the help with every key of the screen. */
export function helpKey(onHelp: () => void): KeyBinding {
  return { keys: ['?'], does: 'show every key of this screen', hint: 'help', run: onHelp };
}

/** `q` and Ctrl+C: quit (the app asks first while work is running). */
export function quitKeys(
  onQuit: () => void,
  does = 'quit (asks first while work is running)',
): KeyBinding {
  return { keys: ['q', 'ctrl+c'], label: 'q Ctrl+C', short: 'q', does, hint: 'quit', run: onQuit };
}

/** Esc: back to where the operator came from. */
export function backKey(onBack: () => void, does: string, hint = 'back'): KeyBinding {
  return { keys: ['escape'], does, hint, run: onBack };
}
