import { Box } from 'ink';
import { useState } from 'react';
import type { UpgradesState } from '../../../src/steps/upgrades/state.js';
import { NodeRotation, rotationHeight } from '../../components/NodeRotation.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { StepFrame } from '../../StepFrame.js';
import { VersionChooser } from './VersionChooser.js';

/** The upgrades step: the generic frame, the version chooser on t, and the live node rotation. */
export function UpgradesScreen(props: StepScreenProps) {
  const state = props.state as UpgradesState | undefined;
  const [choosing, setChoosing] = useState(false);
  if (choosing && state) {
    return (
      <VersionChooser
        current={state.current ?? '?'}
        choices={state.choices}
        active={props.active}
        onClose={() => setChoosing(false)}
        onChoose={(version, preview) => {
          setChoosing(false);
          props.send({ type: 'target', version, preview });
        }}
      />
    );
  }
  const rotation = state?.rotation;
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
        onAction={(key) => (key === 't' ? setChoosing(true) : props.send({ type: 'action', key }))}
      />
    </Box>
  );
}
