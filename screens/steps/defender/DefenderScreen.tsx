import { Text } from '../../VisibleText.js';
import { useState } from 'react';
import { FrameAboveField } from '../../components/FrameAboveField.js';
import { LineInput } from '../../LineInput.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { theme } from '../../theme.js';
import { withJump } from '../../JumpHost.js';

function DefenderScreenBody(props: StepScreenProps<'defender'>) {
  const state = props.state ?? { asking: false };
  const [value, setValue] = useState('');
  // The text the step's error is about: once the operator edits it, the old error goes.
  const [judged, setJudged] = useState<string>();
  const asking = state.asking;
  const error = state.error !== undefined && judged === value ? state.error : undefined;
  return (
    <FrameAboveField
      screen={props}
      fieldRows={error ? 3 : 2}
      field={
        asking ? (
          <>
            <Text color={theme.muted} wrap="truncate-end">
              Log Analytics workspace resource id (paste it, or type it)
            </Text>
            <LineInput
              prompt="workspace › "
              value={value}
              active={props.active}
              placeholder="/subscriptions/…/workspaces/<name>"
              name="workspace id"
              submitHint="use it"
              onChange={setValue}
              onSubmit={(id) => {
                setJudged(id);
                props.send({ type: 'workspace', id });
              }}
              onCancel={() => {
                setValue('');
                setJudged(undefined);
                props.send({ type: 'workspace-cancel' });
              }}
            />
            {error ? (
              <Text color={theme.danger} wrap="wrap">
                ✖ {error}
              </Text>
            ) : null}
          </>
        ) : undefined
      }
    />
  );
}

/**
 * The defender step: the generic frame, plus a one-line prompt for a Log Analytics workspace id
 * when the operator pressed `w` (Enter uses it, Esc cancels and returns to the frame).
 */
export const DefenderScreen = withJump(DefenderScreenBody);
