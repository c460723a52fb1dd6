/** One key (or key pair) and what it does on the current screen. */
export interface KeyBinding {
  keys: string;
  does: string;
  /** Short label for the footer; bindings without one appear only in the help overlay. */
  hint?: string;
}

/** The keys of the checklist overview. */
export const OVERVIEW_KEYS: readonly KeyBinding[] = [
  { keys: '↑/↓ j/k', does: 'move between steps', hint: '↑↓ move' },
  { keys: 'Enter', does: 'open the selected step', hint: 'Enter open' },
  { keys: '/', does: 'filter the checklist (Enter keeps it, Esc clears it)', hint: '/ filter' },
  { keys: ':', does: 'jump to a step by its id (Tab completes)', hint: ': jump' },
  { keys: 't', does: 'write the Markdown transcript of this session next to its journal' },
  { keys: 'Esc', does: 'clear the filter' },
  { keys: '?', does: 'show or hide this help', hint: '? help' },
  { keys: 'q / Ctrl+C', does: 'quit (asks first while work is running)', hint: 'q quit' },
];

/** The keys of a step's findings list (grouped by subject or object); reserved in every step. */
export const FINDINGS_KEYS: readonly KeyBinding[] = [
  {
    keys: '/',
    does: 'filter the findings by id, object, subject or message (Enter keeps, Esc clears)',
    hint: '/ filter',
  },
  { keys: 's', does: 'sort the findings: by severity, by id, by object', hint: 's sort' },
  { keys: 'z', does: 'fold the findings to one line per subject or object, or open them' },
];

/** The keys of an opened step. */
export const STEP_KEYS: readonly KeyBinding[] = [
  { keys: '↑/↓ j/k', does: 'scroll the step', hint: '↑↓ scroll' },
  { keys: 'Esc', does: 'clear the findings filter, else back to the checklist', hint: 'Esc back' },
  {
    keys: '[letter]',
    does: 'start an action listed under Actions (asks before any change)',
    hint: '[x] action',
  },
  ...FINDINGS_KEYS,
  { keys: '?', does: 'show or hide this help', hint: '? help' },
  { keys: 'q / Ctrl+C', does: 'quit (asks first while work is running)', hint: 'q quit' },
];

/** The keys while the checklist is filtered or a step id is typed. */
export const PROMPT_KEYS: readonly KeyBinding[] = [
  { keys: 'Enter', does: 'accept', hint: 'Enter accept' },
  { keys: 'Tab', does: 'complete the step id (in the : prompt)', hint: 'Tab complete' },
  { keys: 'Esc / Ctrl+C', does: 'cancel', hint: 'Esc cancel' },
];

/** The keys of the connecting and failed screens. */
export const STATUS_KEYS: readonly KeyBinding[] = [
  { keys: '?', does: 'show or hide this help', hint: '? help' },
  { keys: 'q / Ctrl+C', does: 'quit', hint: 'q quit' },
];

/** The keys of the help overlay itself. */
export const HELP_KEYS: readonly KeyBinding[] = [
  { keys: 'Esc / ?', does: 'close help', hint: 'Esc close' },
];

/** The keys every opened step has, whatever its own screen adds. */
export const STEP_COMMON_KEYS: readonly KeyBinding[] = [
  { keys: 'Esc', does: 'back (to the checklist, or out of a list or form)' },
  { keys: '?', does: 'show or hide this help' },
  { keys: 'q / Ctrl+C', does: 'quit (asks first while work is running)' },
];
