import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { clipboardSequence, multiplexerOf } from '../model/osc52.js';
import { UserError } from '../model/errors.js';
import { reasonOf } from './journal-file.js';
import { commandsFile, journalDir } from './journal-location.js';

/** Where a copy goes: the environment (file, multiplexer) and the terminal, if it is one. */
export interface CopyTarget {
  env: NodeJS.ProcessEnv;
  /** Writes to the terminal; absent or not a TTY: no clipboard sequence is sent. */
  terminal?: { write: (text: string) => unknown; isTTY?: boolean };
}

/** What a copy did: the file always, the terminal clipboard when it could be asked. */
export interface Copied {
  file: string;
  clipboard: boolean;
}

/**
 * Copies `commands` (one per line): always into the commands file (mode 600: names in commands
 * may be sensitive), and to the terminal's clipboard with OSC 52 when stdout is a terminal that
 * is not `dumb` (a terminal that does not allow OSC 52 ignores it, hence the file).
 */
export async function copyCommands(commands: readonly string[], to: CopyTarget): Promise<Copied> {
  const text = commands.join('\n');
  const file = commandsFile(to.env);
  try {
    await mkdir(journalDir(to.env), { recursive: true, mode: 0o700 });
    await writeFile(file, `${text}\n`, { mode: 0o600 });
    await chmod(file, 0o600); // an older file keeps its mode on rewrite
  } catch (error) {
    // Which file and why in words (the dialog shows it), not the raw error and its code.
    throw new UserError(
      `${file} could not be written (${reasonOf(error)}); check the path, its permissions and free disk space`,
    );
  }
  const terminal = to.terminal;
  const clipboard = !!terminal?.isTTY && to.env['TERM'] !== 'dumb';
  if (clipboard) terminal.write(clipboardSequence(text, multiplexerOf(to.env)));
  return { file, clipboard };
}
