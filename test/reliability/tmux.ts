// The built program in a real terminal that can be resized: a tmux session on its own socket.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { BIN } from '../helpers/cli-process.js';
import { onCleanup } from '../helpers/cleanup.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A program running in a tmux window, driven by keystrokes and read from the screen. */
export interface TmuxTerminal {
  /** What the window shows now (plain text). */
  screen(): string;
  /** The window's scrollback and screen, all of it (plain text). */
  history(): string;
  /** Sends one key: a literal character, or a tmux key name (Enter, Escape, Down, ...). */
  key(key: string): void;
  /** Types text literally. */
  type(text: string): void;
  /**
   * Pastes `text` as tmux's paste-buffer does: in one write; `bracketed` marks it as a paste
   * (`-p`, the markers a terminal sends when the program asked for bracketed paste).
   */
  paste(text: string, bracketed: boolean): void;
  /** Waits (polling, with a deadline) until the screen matches; fails showing the screen. */
  waitFor(
    text: string | RegExp | ((screen: string) => boolean),
    timeoutMs?: number,
  ): Promise<string>;
  resize(columns: number, rows: number): void;
  close(): void;
}

/** The variable that marks the processes of one terminal. */
const MARKER = 'AKS_RUNBOOK_TEST_TERMINAL';

/**
 * Waits until no process has `variable` in its environment (Linux /proc; elsewhere at once);
 * after a bound, kills what is left.
 */
async function ended(variable: string, boundMs = 15_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const left = processesWith(variable);
    if (left.length === 0) return;
    if (Date.now() > deadline) {
      for (const pid of left) killed(pid);
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function processesWith(variable: string): number[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return []; // no /proc: nothing to wait for
  }
  return pids.flatMap((pid) => {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      return env.includes(variable) ? [Number(pid)] : [];
    } catch {
      return []; // gone meanwhile, or not ours to read
    }
  });
}

function killed(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
}

const KEY_NAMES = new Set([
  'Enter',
  'Escape',
  'Down',
  'Up',
  'Left',
  'Right',
  'Tab',
  'Space',
  'PageDown',
  'PageUp',
]);

/**
 * Starts `aks-runbook args…` in a tmux window of `columns` x `rows`; its exit code is printed.
 * `program` is the command line that starts it (default: this Node running the bin).
 */
export function startInTmux(
  args: string[],
  env: Record<string, string>,
  size = { columns: 100, rows: 30 },
  program = `${process.execPath} ${BIN}`,
): TmuxTerminal {
  const socket = `aks-runbook-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmux = (...a: string[]): string =>
    execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...a], { encoding: 'utf8' });
  const home = tempDir('rel-tmux-home-');
  // The marker finds the program (and all it starts) to wait for it to end.
  const vars = {
    HOME: home,
    TERM: 'xterm-256color',
    AKS_RUNBOOK_NO_AZURE_SIGNIN: '1',
    [MARKER]: socket,
    ...env,
  };
  const command = `${program} ${args.join(' ')}; echo "[exit code $?]"; sleep 600`;
  tmux(
    'new-session',
    '-d',
    '-s',
    'run',
    '-x',
    String(size.columns),
    '-y',
    String(size.rows),
    ...Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    command,
  );
  const screen = (): string => tmux('capture-pane', '-p', '-t', 'run');
  const close = (): void => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  };
  // Registered after its HOME: the tmux server and the program go before their folder does, and
  // before any folder made earlier (its state): the program closes its journal when its terminal
  // goes, so a folder removed before it ended was written again after (left in the temp dir).
  onCleanup(async () => {
    close();
    await ended(`${MARKER}=${socket}`);
  });
  return {
    screen,
    history: () => tmux('capture-pane', '-p', '-S', '-', '-t', 'run'),
    key: (key) => {
      if (KEY_NAMES.has(key)) tmux('send-keys', '-t', 'run', key);
      else tmux('send-keys', '-t', 'run', '-l', '--', key);
    },
    type: (text) => void tmux('send-keys', '-t', 'run', '-l', '--', text),
    paste: (text, bracketed) => {
      tmux('set-buffer', '-b', 'paste', '--', text);
      tmux('paste-buffer', '-b', 'paste', ...(bracketed ? ['-p'] : []), '-t', 'run');
    },
    waitFor: async (text, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const shown = screen();
        const found =
          typeof text === 'string'
            ? shown.includes(text)
            : typeof text === 'function'
              ? text(shown)
              : text.test(shown);
        if (found) return shown;
        if (Date.now() > deadline) {
          throw new Error(
            `"${String(text)}" did not appear in ${timeoutMs} ms; the terminal shows:\n${shown}`,
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    resize: (columns, rows) =>
      void tmux('resize-window', '-t', 'run', '-x', String(columns), '-y', String(rows)),
    close,
  };
}
