import { Text } from 'ink';
import { DialogFrame } from './DialogFrame.js';
import { theme } from './theme.js';
import { isCtrlC, useLayerInput } from './use-layer-input.js';

/** Props of the quit question. */
export interface QuitPromptProps {
  active: boolean;
  onStay: () => void;
  onQuit: () => void;
}

/** Asked when quitting while work runs: `y` or a second Ctrl+C quits; anything else stays. */
export function QuitPrompt({ active, onStay, onQuit }: QuitPromptProps) {
  useLayerInput((input, key) => {
    if (input === 'y' || input === 'Y' || isCtrlC(input, key)) onQuit();
    else if (key.return || key.escape || input === 'n' || input === 'N' || input === 'q') onStay();
  }, active);
  return (
    <DialogFrame title="Quit while work is running?">
      <Text>
        Work is still running. Quitting now interrupts it; the journal keeps what was done.
      </Text>
      <Text color={theme.muted}>y or Ctrl+C: quit · Enter, n or Esc: stay (default)</Text>
    </DialogFrame>
  );
}
