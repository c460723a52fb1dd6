// The built program in a real terminal that can be resized: a tmux session on its own socket.
import { execFileSync } from 'node:child_process';
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
  const vars = { HOME: home, TERM: 'xterm-256color', AKS_RUNBOOK_NO_AZURE_SIGNIN: '1', ...env };
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
  // Registered after its HOME: the tmux server and the program go before their folder does.
  onCleanup(close);
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
