import chalk from 'chalk';
import { useWindowSize } from 'ink';
import { useState } from 'react';
import { displayWidth } from '../src/model/text-cells.js';
import type { KeyEvent, LayerSpec } from './key-bus.js';
import type { KeyBinding } from './key-table.js';
import { editLine, lineAtEnd, lineView, type LineEdit, type LineEditAction } from './line-edit.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';
import { useKeys } from './use-keys.js';

/** Props of a one-line text field; the value lives with the parent. */
export interface LineInputProps {
  prompt: string;
  value: string;
  active: boolean;
  /** The new value, and the key that made it (absent for a paste). */
  onChange: (value: string, event?: KeyEvent) => void;
  onSubmit: (value: string, event: KeyEvent) => void;
  onCancel: () => void;
  /** Tab pressed (completion); Tab does nothing when absent. */
  onTab?: (value: string) => void;
  placeholder?: string;
  /** How the help names the field: `filter`, `step id`. */
  name?: string;
  /** What Enter and Esc do, for the footer and the help. */
  submitHint?: string;
  cancelHint?: string;
  /**
   * What a paste does: by default it is typed into the field (on one line, without control
   * characters); a function takes it instead (a typed confirmation refuses it).
   */
  onPaste?: (text: string) => void;
  /** A question's guard (a typed confirmation): only keys it admits are typed. */
  guard?: LayerSpec['guard'];
  /** The field sits in a dialog that prints its keys itself. */
  ownFooter?: boolean;
  /** More keys the field answers (not printable ones: those are typed). */
  extraKeys?: readonly KeyBinding[];
  /** The cells the prompt and the line may take (default: the terminal's width). */
  width?: number;
}

/**
 * A one-line text field that edits like a shell line (see `editLine`): printable keys insert at
 * the cursor, ←/→ Ctrl+A/E move, Backspace/Delete, Ctrl+U/K/W delete, Enter submits, Esc or
 * Ctrl+C cancel (at once, even under a guard: backing out is always safe). The cursor is drawn
 * as an inverse cell and stays in view on a long line.
 */
export function LineInput(props: LineInputProps) {
  const { prompt, value, active, placeholder } = props;
  const line = useLine(value);
  const { columns } = useWindowSize();
  const edit = (action: LineEditAction, event?: KeyEvent) => {
    const next = editLine(line.now, action);
    line.set(next);
    if (next.text !== value) props.onChange(next.text, event);
  };
  const table = [...lineInputTable(props), ...editBindings(edit)];
  useKeys(
    {
      name: props.name ?? 'text field',
      table,
      onText: (text, event) => edit({ type: 'insert', text }, event),
      onPaste: props.onPaste ?? ((text) => edit({ type: 'insert', text: pastedLine(text) })),
      ...(props.guard ? { guard: props.guard } : {}),
      ...(props.ownFooter ? { ownFooter: true } : {}),
    },
    active,
  );
  // The prompt, then the line in what is left of the width (less a cell for a drawn cursor).
  const marker = active && chalk.level === 0;
  const width = props.width ?? (columns || 80);
  const room = Math.max(4, width - displayWidth(prompt) - 1 - (marker ? 1 : 0));
  const shown = active ? lineView(line.now, room) : lineView(lineAtEnd(value), room + 1);
  const placeholderShown =
    value === '' && placeholder ? <Text color={theme.muted}>{placeholder}</Text> : null;
  return (
    <Text wrap="truncate-end">
      <Text color={theme.accent}>{prompt}</Text>
      {shown.before}
      {active ? <Cursor under={shown.at} marker={marker} /> : shown.at}
      {shown.after}
      {placeholderShown}
    </Text>
  );
}

/**
 * The cursor: an inverse cell on the character under it; where the terminal shows no styles
 * (NO_COLOR, not a terminal) a bar before that character, so it is still seen.
 */
function Cursor({ under, marker }: { under: string; marker: boolean }) {
  if (marker) return <Text>{`${CURSOR_MARK}${under}`}</Text>;
  return <Text inverse>{under === '' ? ' ' : under}</Text>;
}

/** The cursor where styles are not shown. */
export const CURSOR_MARK = '▏';

/**
 * The line being edited, its text owned by the parent: when the parent's value changes from
 * outside (a completion, a reset), the cursor goes to its end.
 */
function useLine(value: string): { now: LineEdit; set: (next: LineEdit) => void } {
  const [line, setLine] = useState<LineEdit>(() => lineAtEnd(value));
  const now = line.text === value ? line : lineAtEnd(value);
  return { now, set: setLine };
}

/** The editing keys (after the table's own, so a field's owner may take one first). */
function editBindings(edit: (action: LineEditAction, event: KeyEvent) => void): KeyBinding[] {
  const bind = (
    keys: string[],
    label: string,
    does: string,
    action: LineEditAction,
  ): KeyBinding => ({ keys, label, does, run: (event) => edit(action, event) });
  return [
    bind(['left', 'ctrl+b'], '← Ctrl+B', 'move the cursor left', { type: 'left' }),
    bind(['right', 'ctrl+f'], '→ Ctrl+F', 'move the cursor right', { type: 'right' }),
    bind(['ctrl+left', 'meta+b'], 'Ctrl+← Alt+B', 'move back a word', { type: 'word-left' }),
    bind(['ctrl+right', 'meta+f'], 'Ctrl+→ Alt+F', 'move forward a word', { type: 'word-right' }),
    bind(['home', 'ctrl+a'], 'Home Ctrl+A', 'go to the start of the line', { type: 'home' }),
    bind(['end', 'ctrl+e'], 'End Ctrl+E', 'go to the end of the line', { type: 'end' }),
    bind(['backspace'], 'Backspace', 'delete the character before the cursor', {
      type: 'backspace',
    }),
    bind(['delete', 'ctrl+d'], 'Del Ctrl+D', 'delete the character under the cursor', {
      type: 'delete',
    }),
    bind(['ctrl+u'], 'Ctrl+U', 'delete from the start of the line to the cursor', {
      type: 'kill-to-start',
    }),
    bind(['ctrl+k'], 'Ctrl+K', 'delete from the cursor to the end of the line', {
      type: 'kill-to-end',
    }),
    bind(['ctrl+w'], 'Ctrl+W', 'delete the word before the cursor', { type: 'kill-word-back' }),
  ];
}

/** The keys of a text field, for its handler and for a dialog that prints them. */
export function lineInputTable(props: LineInputProps): KeyBinding[] {
  const { value } = props;
  return [
    {
      keys: ['enter'],
      does: props.submitHint ?? 'accept what is typed',
      hint: props.submitHint ?? 'accept',
      run: (event) => props.onSubmit(value, event),
    },
    {
      keys: ['escape', 'ctrl+c'],
      label: 'Esc Ctrl+C',
      short: 'Esc',
      does: props.cancelHint ?? 'cancel',
      hint: props.cancelHint ?? 'cancel',
      unguarded: true,
      run: () => props.onCancel(),
    },
    {
      keys: ['tab'],
      does: 'complete what is typed',
      hint: 'complete',
      when: props.onTab !== undefined,
      run: () => props.onTab?.(value),
    },
    ...(props.extraKeys ?? []),
  ];
}

/** Pasted text as one line of a field: line breaks and control characters become spaces. */
function pastedLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}
