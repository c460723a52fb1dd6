import { isOngoing } from '../src/model/operation.js';
import type { SessionState } from '../src/runbook/session.js';

/**
 * What the operator leaves behind by quitting now, one paragraph each: running work (cut off),
 * an Azure operation (which goes on without this program), nodes this session left cordoned.
 * Empty: quitting leaves nothing behind and is not asked.
 */
export function quitReasons(state: SessionState): string[] {
  const reasons: string[] = [];
  if (state.busy)
    reasons.push(
      'Work is still running. Quitting now interrupts it; the journal keeps what was done.',
    );
  const op = state.operation;
  if (op && isOngoing(op))
    reasons.push(
      `${op.what} keeps running in Azure after you quit: quitting does not stop it, and the next session shows it. To stop it, abort it first (a on Upgrades or Node images).`,
    );
  const cordoned = state.stepStates.drain?.leftCordoned ?? [];
  if (cordoned.length > 0)
    reasons.push(
      `Still cordoned by this session (no new pods land there): ${cordoned.join(', ')}. Uncordon them on the drain step (u) unless you mean to leave them so.`,
    );
  return reasons;
}
