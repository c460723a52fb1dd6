import { Text } from 'ink';
import { isCtrlC, useLayerInput } from './use-layer-input.js';
import { theme } from './theme.js';

/** Props of a one-line text field; the value lives with the parent. */
export interface LineInputProps {
  prompt: string;
  value: string;
  active: boolean;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  onCancel: () => void;
  /** Tab pressed (completion); ignored when absent. */
  onTab?: (value: string) => void;
  placeholder?: string;
}

/** A one-line text field: printable keys append, Backspace deletes, Enter submits, Esc/Ctrl+C cancel. */
export function LineInput(props: LineInputProps) {
  const { prompt, value, active, placeholder } = props;
  useLayerInput((input, key) => {
    if (key.escape || isCtrlC(input, key)) props.onCancel();
    else if (key.return) props.onSubmit(value);
    else if (key.tab) props.onTab?.(value);
    else if (key.backspace || key.delete) props.onChange(value.slice(0, -1));
    else if (isPrintable(input, key.ctrl || key.meta)) props.onChange(value + input);
  }, active);
  return (
    <Text wrap="truncate-start">
      <Text color={theme.accent}>{prompt}</Text>
      {value}
      {value === '' && placeholder ? <Text color={theme.muted}>{placeholder}</Text> : null}
      <Text inverse>{active ? ' ' : ''}</Text>
    </Text>
  );
}

function isPrintable(input: string, modified: boolean): boolean {
  // eslint-disable-next-line no-control-regex
  return !modified && input.length > 0 && !/[\u0000-\u001f\u007f]/.test(input);
}
