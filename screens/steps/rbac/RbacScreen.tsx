import { useState } from 'react';
import type { CandidateView } from '../../../src/steps/rbac/state.js';
import type { StepActionView } from '../../../src/steps/contract/view.js';
import { StepFrame } from '../../StepFrame.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { ExcludedList } from './ExcludedList.js';
import { GroupPicker } from './GroupPicker.js';
import { UserPicker } from './UserPicker.js';
import { plural } from '../../../src/model/plural.js';
import { withJump } from '../../JumpHost.js';

type Mode =
  | { kind: 'frame' }
  | { kind: 'pick' }
  | { kind: 'group'; candidate: CandidateView }
  | { kind: 'excluded' };

function RbacScreenBody(props: StepScreenProps<'rbac'>) {
  const { state } = props;
  const [mode, setMode] = useState<Mode>({ kind: 'frame' });
  const back = () => setMode({ kind: 'frame' });
  const common = { active: props.active, onHelp: props.onHelp, onQuit: props.onQuit };

  if (mode.kind === 'pick' && state)
    return (
      <UserPicker
        {...common}
        candidates={state.candidates}
        height={props.height}
        onPick={(candidate) => setMode({ kind: 'group', candidate })}
        onBack={back}
      />
    );
  if (mode.kind === 'group')
    return (
      <GroupPicker
        candidate={mode.candidate}
        search={state?.groupSearch}
        checking={state?.checking ?? false}
        height={props.height}
        active={props.active}
        onSearch={(prefix) => props.send({ type: 'search', prefix })}
        onSubmit={(group) => {
          props.send({ type: 'propose', candidate: mode.candidate.id, group });
          back();
        }}
        onCancel={() => setMode({ kind: 'pick' })}
      />
    );
  if (mode.kind === 'excluded' && state)
    return (
      <ExcludedList {...common} excluded={state.excluded} height={props.height} onBack={back} />
    );

  const own: StepActionView[] = [];
  if (state?.canAct && state.candidates.length > 0)
    own.push({
      key: 'p',
      label: `Pick one of ${plural(state.candidates.length, 'user')} bound directly and replace it with an Entra group`,
    });
  const actions = [...own, ...(props.view.actions ?? [])];
  if (state)
    actions.push({
      key: 'x',
      label: `Show the ${state.excluded.length} excluded built-in and AKS-managed bindings`,
    });
  // A new outcome scrolls into view in the frame itself (its Result): not repeated below it.
  return (
    <StepFrame
      {...props.view}
      {...common}
      step={props.step}
      status={props.status}
      width={props.width}
      height={props.height}
      actions={actions}
      result={state?.error ? [`✖ ${state.error}`, ...(props.view.result ?? [])] : props.view.result}
      onBack={props.onBack}
      onAction={(key) => {
        if (key === 'p') setMode({ kind: 'pick' });
        else if (key === 'x') setMode({ kind: 'excluded' });
        else props.send({ type: 'action', key });
      }}
    />
  );
}

/**
 * The rbac step's screen: the generic frame (findings, plan, progress, result) plus `p` to pick a
 * user bound directly and the Entra group (searched by name) that replaces it, and `x` for the
 * excluded bindings.
 */
export const RbacScreen = withJump(RbacScreenBody);
