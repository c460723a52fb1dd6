import type { KeyEvent, LayerSpec } from './key-bus.js';
import type { KeyBinding } from './key-table.js';
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
}

/**
 * A one-line text field: printable keys append, Backspace deletes, Enter submits, Esc or Ctrl+C
 * cancel (at once, even under a guard: backing out is always safe).
 */
export function LineInput(props: LineInputProps) {
  const { prompt, value, active, placeholder } = props;
  const table = lineInputTable(props);
  useKeys(
    {
      name: props.name ?? 'text field',
      table,
      onText: (text, event) => props.onChange(value + text, event),
      onPaste: props.onPaste ?? ((text) => props.onChange(value + pastedLine(text))),
      ...(props.guard ? { guard: props.guard } : {}),
      ...(props.ownFooter ? { ownFooter: true } : {}),
    },
    active,
  );
  return (
    <Text wrap="truncate-start">
      <Text color={theme.accent}>{prompt}</Text>
      {value}
      {value === '' && placeholder ? <Text color={theme.muted}>{placeholder}</Text> : null}
      <Text inverse>{active ? ' ' : ''}</Text>
    </Text>
  );
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
    {
      keys: ['backspace', 'delete'],
      label: 'Backspace',
      does: 'delete the last character',
      run: (event) => props.onChange(value.slice(0, -1), event),
    },
    ...(props.extraKeys ?? []),
  ];
}

/** Pasted text as one line of a field: line breaks and control characters become spaces. */
function pastedLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}
