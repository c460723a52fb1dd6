import type { UpdateRun } from '@azure/arm-containerservicefleet';
import { unheardOutcome } from '../azure/lro-outcome.js';
import type { FaultError } from '../model/errors.js';
import { OutcomeUnknown, UserError, sentWords, unheardWhy } from '../model/errors.js';
import { azFleetRunShow } from '../model/equivalent-commands.js';
import { fleetError } from './errors.js';
import type { FleetAt } from './locate.js';

/** What the Fleet Manager client gives for a change of a run: an awaitable poller. */
interface RunPoller extends PromiseLike<UpdateRun> {
  readonly operationState?: { status: string } | undefined;
}

/**
 * Sends a change of an update run: its create, start, stop or skip (`doing`: `stop update run r1`), and waits for
 * Fleet Manager's operation to end. A failure whose answer never came (the POST reset or timed
 * out, or the operation could not be read after Azure accepted it) is `OutcomeUnknown`, journaled
 * `unknown` as an AKS operation's is; any other failure is Azure's answer, as one line.
 */
export async function sendRunChange(send: () => RunPoller, doing: string): Promise<UpdateRun> {
  let poller: RunPoller | undefined;
  try {
    poller = send();
    return await poller;
  } catch (error) {
    throw runPostError(error, poller?.operationState, doing);
  }
}

/** The error a failed change of a run ends with (see `sendRunChange`). */
function runPostError(
  error: unknown,
  state: { status: string } | undefined,
  doing: string,
): OutcomeUnknown | FaultError {
  if (error instanceof OutcomeUnknown) return error;
  const said = fleetError(error, doing);
  const unheard = unheardOutcome(error, state);
  if (!unheard) return said;
  return new OutcomeUnknown(unheardWhy(unheard.accepted, said.message), {
    accepted: unheard.accepted,
    why: said.message,
  });
}

/**
 * A change of run `name` whose answer never came, as the one line the command ends with (exit 2):
 * sent, outcome unknown (journaled so), and the command that tells whether it took. Any other
 * failure passes as it is.
 */
export function saidUnheard(
  fleet: FleetAt,
  name: string,
  verb: 'create' | 'start' | 'stop' | 'skip',
): (error: unknown) => never {
  return (error) => {
    if (!(error instanceof OutcomeUnknown)) throw error;
    const check = azFleetRunShow(fleet, name, verb !== 'skip');
    throw new UserError(
      `the request to ${verb} update run ${name} ${sentWords(error.heard?.accepted === true)}; its outcome is unknown: ${error.message}. It may ${error.heard?.accepted ? 'still be running' : 'be running, or may never have started'} in Azure: check it with ${check} before sending it again`,
    );
  };
}

/** A Ctrl+C that came while the fleet was read: said, and nothing is sent (exit 130). */
export function interruptedUnsent(io: { out: (text: string) => void }): number {
  io.out('Interrupted: nothing was sent.\n');
  return 130;
}
