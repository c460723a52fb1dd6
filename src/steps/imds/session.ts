import type { ImdsAssessment, ImdsFacts } from '../../checks/imds/assess.js';
import type { StepContext } from '../contract/module.js';
import type { StepSession } from '../lifecycle/step-session.js';
import type { ImdsInspected } from './inspect.js';
import type { ImdsState } from './state.js';

/** What imds' changes use of the step's context. */
export type ImdsContext = Pick<StepContext<unknown>, 'connection' | 'journal' | 'cluster' | 'mode'>;

/** The imds step as its flows see it. */
export type ImdsSession = StepSession<ImdsInspected, ImdsState>;

/** The facts and their evaluation of the last look, when the reads were allowed. */
export function lookedAt(
  s: ImdsSession,
): { facts: ImdsFacts; assessment: ImdsAssessment } | undefined {
  const seen = s.facts;
  return seen && 'facts' in seen ? seen : undefined;
}
