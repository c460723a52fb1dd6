import { OutcomeUnknown } from '../../model/errors.js';
import { azFleetRunShow } from '../../model/equivalent-commands.js';
import type { FleetRef } from '../../model/fleet-look.js';
import { explainUnknown, type UnknownCheck } from '../rotation/explain.js';

/** A change of an update run that was sent and whose answer never came. */
export interface RunUnheard {
  unheard: OutcomeUnknown;
}

/** Runs `act`; a failure whose answer never came ends it as `RunUnheard`, never as a failure. */
export async function unlessUnheard<T>(act: () => Promise<T>): Promise<T | RunUnheard> {
  try {
    return await act();
  } catch (error) {
    if (error instanceof OutcomeUnknown) return { unheard: error };
    throw error;
  }
}

/** Whether a change's outcome is a `RunUnheard`. */
export function isUnheard(outcome: unknown): outcome is RunUnheard {
  return typeof outcome === 'object' && outcome !== null && 'unheard' in outcome;
}

/** Which change of a run it was, for the command that tells how it ended. */
export type RunChangeKind = 'start' | 'stop' | 'skip';

/**
 * The result lines of a start, stop or skip whose answer never came: sent, outcome unknown (as
 * an AKS operation's), and the `az fleet updaterun show` that tells whether it took.
 */
export function unheardLines(
  what: string,
  kind: RunChangeKind,
  fleet: FleetRef,
  run: string,
  { unheard }: RunUnheard,
): string[] {
  const heard = unheard.heard ?? { accepted: false, why: unheard.message };
  return explainUnknown(what, heard.accepted, heard.why, checkOf(kind, fleet, run));
}

function checkOf(kind: RunChangeKind, fleet: FleetRef, run: string): UnknownCheck {
  if (kind === 'skip')
    return {
      command: azFleetRunShow(fleet, run, false),
      reading: 'what was skipped shows Skipped in its status: it took',
    };
  return {
    command: azFleetRunShow(fleet, run, true),
    reading:
      kind === 'start'
        ? 'Running or Completed: it started; NotStarted, Stopped or Failed: it did not; not found: the run was never created'
        : 'Stopping or Stopped: it took; Running: it did not',
  };
}
