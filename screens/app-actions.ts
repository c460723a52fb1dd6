import type { ListedCluster } from '../src/model/arm.js';
import type { StepId } from '../src/model/checklist.js';
import type { RiskRequest } from '../src/runbook/accept-risk.js';
import type { StepEvents } from '../src/steps/registry-types.js';
import type { ResumeChoice } from './ResumeDialog.js';

/** How the operator quit: `interrupt` is Ctrl+C (the program then exits 130, as after SIGINT). */
export type QuitHow = 'interrupt' | undefined;

/** What the screens ask the logic to do; the CLI wires these to the runbook. */
export interface AppActions {
  /** The operator chose to quit (after confirming, if work was running). The app unmounts itself. */
  onQuit: (how?: QuitHow) => void;
  /** The operator opened a step (Enter on the overview, or `:id`). */
  onOpenStep?: (id: StepId) => void;
  /** The operator left a step with Esc. */
  onCloseStep?: (id: StepId) => void;
  /** The operator pressed a step's action key or made a choice on a step's own screen. */
  onStepEvent?: <K extends StepId>(id: K, event: StepEvents[K]) => void;
  /** The operator asked for the Markdown transcript now (`t` on the overview). */
  onTranscript?: () => void;
  /** The operator answered the offer to resume an interrupted session. */
  onResume?: (choice: ResumeChoice) => void;
  /** The operator picked the cluster to connect to from the subscription's list. */
  onPickCluster?: (cluster: ListedCluster) => void;
  /** The operator asked to copy commands (a dialog's equivalent az/kubectl commands). */
  onCopyCommands?: (commands: string[]) => void;
  /** The operator filled in "accept this risk" for a finding of a step. */
  onAcceptRisk?: (step: StepId, request: RiskRequest) => void;
}
