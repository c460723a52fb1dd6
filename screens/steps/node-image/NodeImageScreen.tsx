import { RotationFrame } from '../../components/RotationFrame.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { withJump } from '../../JumpHost.js';

function NodeImageScreenBody(props: StepScreenProps<'node-image'>) {
  return (
    <RotationFrame
      {...props}
      rotation={props.state?.rotation}
      onAction={(key) => props.send({ type: 'action', key })}
    />
  );
}

/** The node-image step: the generic frame with the live node rotation above it while one runs. */
export const NodeImageScreen = withJump(NodeImageScreenBody);
