import type { DrainFacts } from '../../checks/drain/findings.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { operationConflict } from '../rotation/board-fold.js';
import type { DrainState } from './state.js';

type Session = StepSession<DrainFacts, DrainState>;

/** Why nodes of these pools are not to be touched now (AKS rotates one of them), if so. */
export function crossing(s: Session, nodes: ReadonlyArray<{ pool: string }>): string[] | undefined {
  const op = s.ctx.operations?.current;
  const why = [...new Set(nodes.map((n) => n.pool))]
    .map((pool) => operationConflict(op, pool))
    .find((w) => w !== undefined);
  return why ? [`Not started: ${why}.`] : undefined;
}
