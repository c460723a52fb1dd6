import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { StepId } from '../../src/model/checklist.js';
import type { ActionEvent } from '../../src/steps/contract/view.js';
import type { StepScreenProps } from '../step-screen-props.js';
import { StepFrame } from '../StepFrame.js';

/** A step screen's props as the frame uses them: its action keys are the only events sent. */
type FrameScreenProps = Omit<StepScreenProps<StepId>, 'state' | 'send'> & {
  send: (event: ActionEvent) => void;
};

/** Props of the frame above a field: the step screen's props, and the field while it is open. */
export interface FrameAboveFieldProps {
  screen: FrameScreenProps;
  /** The field's lines below the frame; undefined while the step asks for no text. */
  field: ReactNode | undefined;
  /** How many rows the open field takes (the frame gives them up). */
  fieldRows: number;
}

/**
 * The generic step frame with, while the step asks for a line of text (Defender's workspace id,
 * the fleet's new update strategy), that field below it: the frame gives the field its rows and
 * takes no keys meanwhile, so the field's typing never presses an action.
 */
export function FrameAboveField({ screen, field, fieldRows }: FrameAboveFieldProps) {
  const open = field !== undefined;
  return (
    <Box flexDirection="column">
      <StepFrame
        step={screen.step}
        status={screen.status}
        {...screen.view}
        width={screen.width}
        height={Math.max(4, screen.height - (open ? fieldRows : 0))}
        active={screen.active && !open}
        onBack={screen.onBack}
        onHelp={screen.onHelp}
        onQuit={screen.onQuit}
        onAction={(key) => screen.send({ type: 'action', key })}
      />
      {field}
    </Box>
  );
}
