import { constants } from 'node:os';
import { UserError } from '../model/errors.js';
import { asUserError } from '../runbook/start-session.js';
import { runSimCommand } from '../sim/sim-command.js';
import type { SimCommandOptions } from './sim-args.js';
import type { CliIo } from '../cli.js';

/** `aks-runbook sim`: the simulated cluster in the foreground until Ctrl+C. */
export async function runSim(options: SimCommandOptions, io: CliIo): Promise<number> {
  absorbEchoedSignals();
  try {
    await runSimCommand(options, { write: io.out });
    return 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UserError(
        `port ${options.port} on 127.0.0.1 is taken; choose another with --port, or 0 for any`,
      );
    }
    throw asUserError(error, 'start the simulator');
  }
}

/** A second signal this soon after the first is the same Ctrl+C, passed on once more. */
const ECHO_MS = 1000;

/**
 * One Ctrl+C often arrives twice: from the terminal, and passed on by whatever started us (npm,
 * or the bin relaunching itself on a newer Node). The simulator stops cleanly on the first; the
 * echo must not kill the process mid-stop or just before it exits. A Ctrl+C pressed again later
 * still quits at once, so a stop that hangs can be cut short. Lives until the process exits.
 */
function absorbEchoedSignals(): void {
  let first = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (first === 0) first = Date.now();
    else if (Date.now() - first > ECHO_MS) process.exit(128 + constants.signals[signal]);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
