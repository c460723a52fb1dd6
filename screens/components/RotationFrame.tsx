import { Box } from 'ink';
import type { Rotation } from '../../src/steps/rotation/state.js';
import type { StepScreenProps } from '../step-screen-props.js';
import { StepFrame } from '../StepFrame.js';
import { NodeRotation, rotationHeight } from './NodeRotation.js';

/** Props of the rotation frame: a step screen's props, the rotation (if one runs) and its keys. */
export interface RotationFrameProps extends Omit<StepScreenProps<'upgrades'>, 'state' | 'send'> {
  rotation: Rotation | undefined;
  onAction: (key: string) => void;
}

/** The generic step frame with the live node rotation above it while an operation runs. */
export function RotationFrame(props: RotationFrameProps) {
  const { rotation } = props;
  const used = rotation ? rotationHeight(rotation) : 0;
  return (
    <Box flexDirection="column">
      {rotation ? <NodeRotation rotation={rotation} width={props.width} /> : null}
      <StepFrame
        step={props.step}
        status={props.status}
        {...props.view}
        width={props.width}
        height={Math.max(4, props.height - used)}
        active={props.active}
        onBack={props.onBack}
        onHelp={props.onHelp}
        onQuit={props.onQuit}
        onAction={props.onAction}
      />
    </Box>
  );
}
