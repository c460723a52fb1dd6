import type { StepId, StepInfo, StepStatus } from '../src/model/checklist.js';
import type { StepView } from '../src/steps/contract/view.js';
import type { StepEvents, StepStates } from '../src/steps/registry-types.js';

/**
 * What every opened step's screen gets, as the frame around it does: the step, its status, its
 * room, and the keys that leave it.
 */
export interface OpenStepProps {
  step: StepInfo;
  status: StepStatus;
  width: number;
  height: number;
  active: boolean;
  onBack: () => void;
  onHelp: () => void;
  onQuit: () => void;
}

/**
 * What step `K`'s own screen gets: the step, its generic view, its own state and a way to send it
 * the events it declares, typed by the registry (no cast needed).
 */
export interface StepScreenProps<K extends StepId> extends OpenStepProps {
  /** Sections for the generic frame (summary, findings, actions, plan, progress, result). */
  view: StepView;
  /** The step's own state, as its controller set it; undefined until it first looked. */
  state: StepStates[K] | undefined;
  /** Sends the operator's choice to the step. */
  send: (event: StepEvents[K]) => void;
}
