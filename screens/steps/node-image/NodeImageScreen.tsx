import type { NodeImageState } from '../../../src/steps/node-image/state.js';
import { RotationFrame } from '../../components/RotationFrame.js';
import type { StepScreenProps } from '../../step-screen-props.js';

/** The node-image step: the generic frame with the live node rotation above it while one runs. */
export function NodeImageScreen(props: StepScreenProps) {
  return (
    <RotationFrame
      {...props}
      rotation={(props.state as NodeImageState | undefined)?.rotation}
      onAction={(key) => props.send({ type: 'action', key })}
    />
  );
}
