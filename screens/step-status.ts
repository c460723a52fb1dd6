import type { StepStatus } from '../src/model/checklist.js';
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
      return { symbol: '…', color: theme.accent, text: 'running' };
    case 'ok':
      return { symbol: '✔', color: theme.ok, text: 'ok' };
    case 'findings':
      return {
        symbol: '!',
        color: theme.warning,
        text: `${plural(status.count, 'finding')}${status.worst ? `, worst ${status.worst}` : ''}`,
      };
    case 'changed':
      return { symbol: '✎', color: theme.changed, text: `changed: ${status.what}` };
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

function assertNever(value: never): never {
  throw new Error(`Unknown step status: ${JSON.stringify(value)}`);
}
