import { RotationFrame } from '../../components/RotationFrame.js';
import type { StepScreenProps } from '../../step-screen-props.js';

/** The node-image step: the generic frame with the live node rotation above it while one runs. */
export function NodeImageScreen(props: StepScreenProps<'node-image'>) {
  return (
    <RotationFrame
      {...props}
      rotation={props.state?.rotation}
      onAction={(key) => props.send({ type: 'action', key })}
    />
  );
}
