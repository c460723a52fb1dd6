import type { StepInfo, StepStatus } from '../src/model/checklist.js';
import type { StepEvent, StepView } from '../src/steps/contract/view.js';

/** What a step's own screen gets: the step, its generic view, its own state, and a way to choose. */
export interface StepScreenProps {
  step: StepInfo;
  status: StepStatus;
  /** Sections for the generic frame (summary, findings, actions, plan, progress, result). */
  view: StepView;
  /** The step's own state, as its controller set it (each screen knows its shape). */
  state: unknown;
  /** Sends the operator's choice to the step's controller. */
  send: (event: StepEvent) => void;
  width: number;
  height: number;
  active: boolean;
  onBack: () => void;
  onHelp: () => void;
  onQuit: () => void;
}
