import type { KeyEvent } from './key-bus.js';

/**
 * One line of a screen's key table: the keys, what they do, and when they work. A screen declares
 * its keys once, as a list of these; the key handler, the footer and the `?` help are all drawn
 * from that list, so they cannot disagree.
 */
export interface KeyBinding {
  /** Key names, as `keyId` gives them: `up`, `enter`, `escape`, `ctrl+c`, `space`, or `j`, `G`, `?`. */
  keys: readonly string[];
  /** How the keys read in the help (default: each key's label, joined). */
  label?: string;
  /** How the keys read in the footer, when shorter than `label` (`↑↓` for all the scroll keys). */
  short?: string;
  /** What the keys do, one line, for the help. */
  does: string;
  /** A word or two for the footer; without one the binding is listed only in the help. */
  hint?: string;
  /** Whether the keys work now (default yes). Keys that do not are not shown and do nothing. */
  when?: boolean;
  /** Works even before a question's guard time is over (only for keys that back out safely). */
  unguarded?: boolean;
  run: (event: KeyEvent) => void;
}

const LABELS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift+tab': 'Shift+Tab',
  backspace: 'Backspace',
  delete: 'Del',
  space: 'Space',
};

/** How one key name reads on screen: `↑`, `PgUp`, `Esc`, `Ctrl+C`, `j`. */
function keyLabel(id: string): string {
  const known = LABELS[id];
  if (known) return known;
  const ctrl = /^ctrl\+(.)$/.exec(id);
  return ctrl ? `Ctrl+${ctrl[1]!.toUpperCase()}` : id;
}

/** How a binding's keys read: its own label, or its keys' labels joined. */
export function bindingLabel(binding: KeyBinding): string {
  return binding.label ?? binding.keys.map(keyLabel).join(' ');
}

/** The binding that handles key `id` now, if any: the first that lists it and works now. */
export function findBinding(table: readonly KeyBinding[], id: string): KeyBinding | undefined {
  return table.find((binding) => binding.when !== false && binding.keys.includes(id));
}

/** The bindings that work now, for the help. */
export function workingBindings(table: readonly KeyBinding[]): KeyBinding[] {
  return table.filter((binding) => binding.when !== false);
}

/**
 * The footer: `label hint` of every working binding that has a hint, in table order, cut to
 * `width` columns. When they do not all fit, the last ones give way and `? more` says where the
 * rest are (the help lists every key).
 */
export function footerText(table: readonly KeyBinding[], width: number): string {
  const items = workingBindings(table)
    .filter((binding) => binding.hint)
    .map((binding) => `${binding.short ?? bindingLabel(binding)} ${binding.hint}`);
  const joined = items.join(' · ');
  if (Array.from(joined).length <= width) return joined;
  const more = '? more';
  const kept: string[] = [];
  for (const item of items) {
    const next = [...kept, item, more].join(' · ');
    if (Array.from(next).length > width) break;
    kept.push(item);
  }
  return [...kept, more].join(' · ');
}
