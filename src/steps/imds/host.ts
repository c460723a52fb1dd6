import type { ImdsFacts } from '../../checks/imds/assess.js';
import type { NamespaceVerdict } from '../../checks/imds/evaluate.js';
import type { StepContext } from '../lifecycle/legacy.js';
import type { ImdsState } from './state.js';

/** What the step's flows (apply, roll back, edit rules, probe) get from the controller. */
export interface ImdsHost {
  ctx: StepContext;
  /** The facts of the last inspection, when it could read them. */
  facts(): ImdsFacts | undefined;
  verdict(namespace: string): NamespaceVerdict | undefined;
  state(): ImdsState;
  set(patch: Partial<ImdsState>): void;
  /** Rebuilds rows, findings and actions from the facts and the operator's choices. */
  refresh(): void;
  /** Looks at the cluster again (after a change). */
  inspect(): Promise<void>;
  /** Runs work as the step's running work, with its plan and progress lines on screen. */
  run<T>(
    lines: string[],
    work: (progress: (line: string) => void, signal: AbortSignal) => Promise<T>,
  ): Promise<T>;
}
