import { useState, type ReactNode } from 'react';
import { listMatches } from '../../src/model/list-filter.js';
import type { KeyBinding } from '../key-table.js';
import { LineInput } from '../LineInput.js';
import { listWindow } from '../list-window.js';
import { scrollBinding, type Scrollable } from '../scroll-keys.js';
import { theme } from '../theme.js';
import { Text } from '../VisibleText.js';

/** What a list with a `/` filter needs to know (the filter matches ignoring case and edge spaces). */
export interface FilteredListOptions<T> {
  /** The text a filter is matched against (case-insensitive, anywhere in it). */
  text: (item: T) => string;
  /** What tells items apart (a node's name): the cursor stays on its item when the list changes. */
  key: (item: T) => string;
  /** Rows the list has on screen. */
  rows: number;
  active: boolean;
  /** For the key help: what ↑/↓ move between (`the clusters`), and what `/` does. */
  items: string;
  filterDoes: string;
  /** The filter input's name, for the key help: `cluster filter`. */
  name: string;
  /** Told when the cursor moves (e.g. to clear a note about the previous row). */
  onMove?: () => void;
  /** The filter in force when the list first shows (e.g. kept by the step across dialogs). */
  initial?: string;
  /** Told the filter the operator kept (Enter) or cleared (Esc). */
  onFilter?: (text: string) => void;
  /** Shown in the empty filter input. */
  placeholder?: string;
}

/** A filtered list's state, its keys and its filter line, for a screen to lay out. */
export interface FilteredList<T> {
  shown: readonly T[];
  /** The cursor's row in `shown`. */
  at: number;
  /**
   * The item the operator put the cursor on. Undefined while that item is gone (`lost`): the
   * cursor shows on a neighbour, but no key acts on a row the operator did not choose.
   */
  focused: T | undefined;
  /** The key of the item the cursor was on, when a change of the list took it away. */
  lost: string | undefined;
  /** The rows of `shown` on screen now. */
  window: { start: number; end: number };
  /** Typing a filter: the screen's own keys wait. */
  filtering: boolean;
  /** The filter as typed so far, or kept. */
  filter: string;
  /** ↑/↓ (pages, ends) move; `/` starts a filter: `bindings` is both, for a screen's key table. */
  bindings: KeyBinding[];
  scrollKey: KeyBinding;
  filterKey: KeyBinding;
  /** The cursor as a `Scrollable`, for a screen building its own scroll binding. */
  scroll: Scrollable;
  /** Opens the filter input (what `/` does); clears the filter in force. */
  startFilter: () => void;
  clearFilter: () => void;
  /** The filter input while typing, else the filter in force (or an empty line). */
  filterLine: ReactNode;
}

/** Where the cursor is: the item it is on (by key) and the row that item was last seen at. */
interface Cursor {
  index: number;
  key?: string | undefined;
}

/**
 * The one list with a filter: a cursor that stays on its item (by key) when the list changes
 * under it, the window that shows it, `/` to type a filter (Enter keeps it, Esc clears it), each
 * new filter starting at the top. When the item under the cursor goes away, the cursor shows on
 * the row that took its place (or the last), and `focused` is undefined until the operator moves.
 */
export function useFilteredList<T>(
  items: readonly T[],
  options: FilteredListOptions<T>,
): FilteredList<T> {
  const [cursor, setCursor] = useState<Cursor>({ index: 0 });
  const [filter, setFilter] = useState(options.initial ?? '');
  const [filtering, setFiltering] = useState(false);
  const shown = filter.trim() ? items.filter((i) => listMatches(options.text(i), filter)) : items;
  const found =
    cursor.key === undefined ? -1 : shown.findIndex((i) => options.key(i) === cursor.key);
  const at = found >= 0 ? found : Math.min(cursor.index, Math.max(0, shown.length - 1));
  const lost = cursor.key !== undefined && found < 0 ? cursor.key : undefined;
  // Follow the item while rendering (React's way of adjusting state to new props): remember the
  // row it moved to, or, before any item was under the cursor, the item the cursor is on now.
  const here = shown[at];
  if (cursor.key === undefined && here !== undefined)
    setCursor({ index: at, key: options.key(here) });
  else if (found >= 0 && found !== cursor.index) setCursor({ index: found, key: cursor.key });
  const move = (index: number): void => {
    options.onMove?.();
    const item = shown[index];
    setCursor({ index, key: item === undefined ? undefined : options.key(item) });
  };
  const scroll: Scrollable = { at, last: shown.length - 1, page: options.rows, to: move };
  const scrollKey = scrollBinding(scroll, `move between ${options.items}`, 'move');
  const clearFilter = (): void => {
    options.onFilter?.('');
    setFilter('');
    setFiltering(false);
  };
  const filterKey: KeyBinding = {
    keys: ['/'],
    does: options.filterDoes,
    hint: 'filter',
    run: () => setFiltering(true),
  };
  const filterLine = filtering ? (
    <LineInput
      prompt="/"
      value={filter}
      active={options.active}
      onChange={(v) => {
        setFilter(v);
        setCursor({ index: 0 });
      }}
      name={options.name}
      {...(options.placeholder ? { placeholder: options.placeholder } : {})}
      submitHint="keep the filter"
      cancelHint="clear the filter"
      onSubmit={() => {
        options.onFilter?.(filter);
        setFiltering(false);
      }}
      onCancel={clearFilter}
    />
  ) : lost !== undefined ? (
    <Text color={theme.warning} wrap="truncate-end">
      {lostNote(lost)}
    </Text>
  ) : (
    <Text color={theme.muted}>{filter ? `filter: ${filter}` : ' '}</Text>
  );
  return {
    shown,
    at,
    focused: lost === undefined ? here : undefined,
    lost,
    window: listWindow(shown.length, at, options.rows),
    filtering,
    filter,
    bindings: [scrollKey, filterKey],
    scrollKey,
    filterKey,
    scroll,
    startFilter: () => setFiltering(true),
    clearFilter,
    filterLine,
  };
}

/** What the list says when the item under the cursor went away: nothing acts until a move. */
export function lostNote(key: string): string {
  return `${key} is no longer listed: move the cursor (↑↓) to choose a row`;
}
