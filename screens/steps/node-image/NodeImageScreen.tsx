import { Box } from 'ink';
import type { NodeImageState } from '../../../src/steps/node-image/controller.js';
import { NodeRotation, rotationHeight } from '../../components/NodeRotation.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { StepFrame } from '../../StepFrame.js';

/** The node-image step: the generic frame with the live node rotation above it while one runs. */
export function NodeImageScreen(props: StepScreenProps) {
  const rotation = (props.state as NodeImageState | undefined)?.rotation;
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
        onAction={(key) => props.send({ type: 'action', key })}
      />
    </Box>
  );
}
