import { Box } from 'ink';
import { useState } from 'react';
import { LineInput } from '../../LineInput.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { StepFrame } from '../../StepFrame.js';
import { theme } from '../../theme.js';
import { Text } from '../../VisibleText.js';

/**
 * The fleet step: the generic frame, and below it, once `c` asked for it, the field where the
 * operator types a new update strategy (name and stages); the step checks it and asks.
 */
export function FleetScreen(props: StepScreenProps<'fleet'>) {
  const field = props.state?.strategyField;
  const [text, setText] = useState<string | undefined>(undefined);
  const open = field !== undefined;
  const value = text ?? field?.text ?? '';
  return (
    <Box flexDirection="column">
      <StepFrame
        step={props.step}
        status={props.status}
        {...props.view}
        width={props.width}
        height={Math.max(4, props.height - (open ? 2 : 0))}
        active={props.active && !open}
        onBack={props.onBack}
        onHelp={props.onHelp}
        onQuit={props.onQuit}
        onAction={(key) => props.send({ type: 'action', key })}
      />
      {open ? (
        <>
          <Text wrap="truncate-end" color={field.error ? theme.danger : theme.muted}>
            {field.error
              ? `✖ ${field.error}`
              : 'name, a space, then stages: NAME:groups=G1+G2;wait=10m, comma between stages'}
          </Text>
          <LineInput
            prompt="strategy> "
            value={value}
            active={props.active}
            placeholder="dev-first dev:wait=10m,staging,prod"
            name="new update strategy"
            submitHint="show it, then ask"
            cancelHint="close the field"
            width={props.width}
            onChange={(next) => setText(next)}
            onSubmit={(typed) => {
              setText(undefined);
              props.send({ type: 'strategy', text: typed });
            }}
            onCancel={() => {
              setText(undefined);
              props.send({ type: 'strategy-cancel' });
            }}
          />
        </>
      ) : null}
    </Box>
  );
}
