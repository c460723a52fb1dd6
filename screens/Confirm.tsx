import { Box, Text } from 'ink';
import { useState } from 'react';
import type { ConfirmationRequest } from '../src/runbook/session.js';
import { ChangeSummary } from './ChangeSummary.js';
import { DialogFrame } from './DialogFrame.js';
import { theme } from './theme.js';
import { isCtrlC, useLayerInput } from './use-layer-input.js';

/** Props shared by both confirmation dialogs. */
export interface ConfirmProps {
  request: ConfirmationRequest;
  active: boolean;
  onAnswer: (yes: boolean) => void;
}

type Choice = 'cancel' | 'yes';

/**
 * Yes/No confirmation that starts on Cancel. Enter activates the focused button; ←/→, Tab or `y`
 * move focus (no single key confirms); `n`, Esc and Ctrl+C cancel.
 */
export function Confirm({ request, active, onAnswer }: ConfirmProps) {
  const [focus, setFocus] = useState<Choice>('cancel');
  useLayerInput((input, key) => {
    if (key.escape || isCtrlC(input, key) || input === 'n' || input === 'N') onAnswer(false);
    else if (key.return) onAnswer(focus === 'yes');
    else if (key.leftArrow || key.rightArrow || key.tab || input === 'h' || input === 'l') {
      setFocus(focus === 'yes' ? 'cancel' : 'yes');
    } else if (input === 'y' || input === 'Y') setFocus('yes');
  }, active);
  return (
    <DialogFrame title="Confirm a change">
      <ChangeSummary request={request} />
      <Box marginTop={1} gap={2}>
        <Button label="No, cancel" focused={focus === 'cancel'} />
        <Button label="Yes, go ahead" focused={focus === 'yes'} />
      </Box>
      <Text color={theme.muted} wrap="wrap">
        ←/→ or Tab: choose · Enter: do what is chosen · Esc or n: cancel
      </Text>
    </DialogFrame>
  );
}

/** A button; the focused one is marked with arrows, not only with colour. */
function Button({ label, focused }: { label: string; focused: boolean }) {
  return (
    <Text bold={focused} inverse={focused} color={focused ? theme.accent : undefined}>
      {focused ? `▶ ${label} ◀` : `  ${label}  `}
    </Text>
  );
}
