import { UserError } from '../model/errors.js';
import { visible } from '../model/visible-text.js';

/** Where a typed confirmation is asked. */
export interface ConfirmIo {
  out: (text: string) => void;
  interactive: boolean;
  /** Asks one line on the terminal; absent: no terminal to ask on. */
  ask?: (question: string) => Promise<string>;
}

/**
 * The typed confirmation of one change: `--confirm` naming `name` goes ahead without asking (a
 * wrong name is refused, nothing sent); on a terminal the operator types `name` (Enter cancels);
 * with neither, one line says which flag to add. `what` is `fleet` or `cluster`.
 */
export async function typedConfirmation(
  what: 'fleet' | 'cluster',
  name: string,
  change: string,
  confirm: string | undefined,
  io: ConfirmIo,
): Promise<boolean> {
  if (confirm !== undefined) {
    if (confirm !== name)
      throw new UserError(
        `--confirm ${confirm} does not name the ${what} (${name}); nothing was changed`,
      );
    return true;
  }
  if (!io.interactive || !io.ask)
    throw new UserError(
      `this changes ${what} ${name}: add --confirm ${name} (or run it in a terminal to be asked)`,
    );
  io.out(`\nAbout to ${visible(change)} on ${what} ${visible(name)}.\n`);
  const typed = (
    await io.ask(`Type the ${what} name (${visible(name)}) to go ahead, or press Enter to cancel: `)
  ).trim();
  if (typed === name) return true;
  io.out('Cancelled: nothing was changed.\n');
  return false;
}
