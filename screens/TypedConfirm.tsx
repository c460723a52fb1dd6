import { Box, Text } from 'ink';
import { useState } from 'react';
import type { ConfirmProps } from './Confirm.js';
import { ChangeSummary } from './ChangeSummary.js';
import { DialogFrame } from './DialogFrame.js';
import { LineInput } from './LineInput.js';
import { theme } from './theme.js';

/** Confirmation for the riskiest changes: proceeds only when the exact name is typed; Esc cancels. */
export function TypedConfirm({ request, active, onAnswer }: ConfirmProps) {
  const expected = request.typed ?? request.cluster;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const submit = (typed: string) => {
    if (typed === expected) onAnswer(true);
    else if (typed === '') setError('Nothing typed. Nothing was changed.');
    else setError(`"${typed}" is not "${expected}". Nothing was changed; type it exactly.`);
  };
  return (
    <DialogFrame title="Confirm a change: type the name to proceed">
      <ChangeSummary request={request} />
      <Box marginTop={1} flexDirection="column">
        <Text>
          Type <Text bold>{expected}</Text> and press Enter to go ahead, or Esc to cancel.
        </Text>
        <LineInput
          prompt="› "
          value={value}
          active={active}
          onChange={(next) => {
            setValue(next);
            setError(undefined);
          }}
          onSubmit={submit}
          onCancel={() => onAnswer(false)}
        />
        {error ? <Text color={theme.danger}>✖ {error}</Text> : null}
      </Box>
    </DialogFrame>
  );
}
