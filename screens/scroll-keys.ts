import type { KeyBinding } from './key-table.js';

/** Something that scrolls: a cursor in a list, or the top line of a text. */
export interface Scrollable {
  /** Where it is now (cursor row or top line). */
  at: number;
  /** The last place it can go (rows - 1, or the last top line that still fills the window). */
  last: number;
  /** Rows on screen: how far PgUp/PgDn go. */
  page: number;
  to: (index: number) => void;
}

/** Every scrolling key, the same on every screen that scrolls. */
const SCROLL_KEYS = ['up', 'k', 'down', 'j', 'pageup', 'pagedown', 'home', 'g', 'end', 'G'];

/** Where a scrolling key takes `s`, kept within its first and last place. */
export function scrolledTo(s: Scrollable, id: string): number {
  const page = Math.max(1, s.page);
  const target: Record<string, number> = {
    up: s.at - 1,
    k: s.at - 1,
    down: s.at + 1,
    j: s.at + 1,
    pageup: s.at - page,
    pagedown: s.at + page,
    home: 0,
    g: 0,
    end: s.last,
    G: s.last,
  };
  return Math.max(0, Math.min(Math.max(0, s.last), target[id] ?? s.at));
}

/** The one binding for all scrolling keys: a row, a page, the start or the end. */
export function scrollBinding(s: Scrollable, does: string, hint?: string): KeyBinding {
  return {
    keys: SCROLL_KEYS,
    label: '↑↓ jk PgUp/PgDn g/G Home/End',
    short: '↑↓',
    does,
    ...(hint ? { hint } : {}),
    run: (event) => s.to(scrolledTo(s, event.id)),
  };
}
