import { useState } from 'react';
import { RotationFrame } from '../../components/RotationFrame.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { VersionChooser } from './VersionChooser.js';
import { withJump } from '../../JumpHost.js';

function UpgradesScreenBody(props: StepScreenProps<'upgrades'>) {
  const { state } = props;
  const [choosing, setChoosing] = useState(false);
  if (choosing && state) {
    return (
      <VersionChooser
        current={state.current ?? '?'}
        choices={state.choices}
        impact={state.impact ?? []}
        active={props.active}
        onClose={() => setChoosing(false)}
        onHelp={props.onHelp}
        onQuit={props.onQuit}
        onChoose={(version, preview) => {
          setChoosing(false);
          props.send({ type: 'target', version, preview });
        }}
      />
    );
  }
  return (
    <RotationFrame
      {...props}
      rotation={state?.rotation}
      onAction={(key) => (key === 't' ? setChoosing(true) : props.send({ type: 'action', key }))}
    />
  );
}

/** The upgrades step: the generic frame, the version chooser on t, and the live node rotation. */
export const UpgradesScreen = withJump(UpgradesScreenBody);
