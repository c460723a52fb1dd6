import type { StepId, StepStatus } from '../src/model/checklist.js';
import { isOngoing, type RunningOperation } from '../src/model/operation.js';
import { theme, type ThemeColor } from './theme.js';
import { plural } from '../src/model/plural.js';

/** How a step status looks: a symbol that carries the meaning, a colour that repeats it, a text. */
export interface StatusLook {
  symbol: string;
  color: ThemeColor | undefined;
  text: string;
}

/** The symbol, colour and words for one step status. */
export function statusLook(status: StepStatus): StatusLook {
  switch (status.kind) {
    case 'not-started':
      return { symbol: '·', color: undefined, text: 'not started' };
    case 'running':
      return {
        symbol: '…',
        color: theme.accent,
        text: status.what ? `running: ${status.what}` : 'running',
      };
    case 'ok':
      return { symbol: '✔', color: theme.ok, text: 'ok' };
    case 'findings':
      return {
        symbol: '!',
        color: theme.warning,
        text: `${plural(status.count, 'finding')}${status.worst ? `, worst ${status.worst}` : ''}`,
      };
    case 'changed':
      return {
        symbol: '✎',
        color: theme.changed,
        text: status.findings
          ? `changed · ${plural(status.findings, 'finding')}${status.worst ? `, worst ${status.worst}` : ''} · ${status.what}`
          : `changed: ${status.what}`,
      };
    case 'failed':
      return { symbol: '✖', color: theme.danger, text: `failed: ${status.what}` };
    case 'skipped':
      return { symbol: '–', color: theme.muted, text: `skipped: ${status.why}` };
    case 'unavailable':
      return { symbol: '✖', color: theme.danger, text: `unavailable: ${status.why}` };
    default:
      return assertNever(status);
  }
}

/**
 * The statuses the checklist rows and step titles show: while an Azure operation a step of this
 * session sent runs (an upgrade, a node image upgrade: minutes to hours), that step's says it
 * runs and what; its own status again once the operation ends, fails or is no longer followed.
 */
export function shownStatuses(
  steps: Record<StepId, StepStatus>,
  op: RunningOperation | undefined,
): Record<StepId, StepStatus> {
  if (!op?.step || op.by !== 'this session' || !isOngoing(op)) return steps;
  const what = op.phase === 'canceling' ? `${op.what} (being aborted)` : op.what;
  return { ...steps, [op.step]: { kind: 'running', what } };
}

function assertNever(value: never): never {
  throw new Error(`Unknown step status: ${JSON.stringify(value)}`);
}
