import { useState } from 'react';
import { FrameAboveField } from '../../components/FrameAboveField.js';
import { LineInput } from '../../LineInput.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { theme } from '../../theme.js';
import { Text } from '../../VisibleText.js';
import { withJump } from '../../JumpHost.js';

function FleetScreenBody(props: StepScreenProps<'fleet'>) {
  const field = props.state?.strategyField;
  const [text, setText] = useState<string | undefined>(undefined);
  const value = text ?? field?.text ?? '';
  return (
    <FrameAboveField
      screen={props}
      fieldRows={2}
      field={
        field ? (
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
        ) : undefined
      }
    />
  );
}

/**
 * The fleet step: the generic frame, and below it, once `c` asked for it, the field where the
 * operator types a new update strategy (name and stages); the step checks it and asks.
 */
export const FleetScreen = withJump(FleetScreenBody);
