import { UserError } from '../errors.js';
import { asUserError } from '../runbook/start-session.js';
import { runSimCommand } from '../sim/sim-command.js';
import type { SimCommandOptions } from './args.js';
import type { CliIo } from '../cli.js';

/** `aks-runbook sim`: the simulated cluster in the foreground until Ctrl+C. */
export async function runSim(options: SimCommandOptions, io: CliIo): Promise<number> {
  try {
    await runSimCommand(options, { write: io.out });
    return 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UserError(
        `port ${options.port} on 127.0.0.1 is taken; choose another with --port, or 0 for any`,
      );
    }
    throw asUserError(error);
  }
}
