import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { onCleanup } from './cleanup.js';
import { BIN, compileCache, isolatedHome } from './cli-process.js';

/** The program running in a real pseudo-terminal (util-linux `script`), as an operator sees it. */
export interface PtySession {
  /** Everything written to the terminal so far, escape sequences stripped. */
  screen(): string;
  /** Everything written to the terminal so far, as bytes were sent (escape sequences kept). */
  raw(): string;
  type(keys: string): void;
  /** Resolves when `text` appears (or the check holds) on the terminal; rejects after `timeoutMs`. */
  waitFor(text: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<void>;
  exited(timeoutMs?: number): Promise<number | null>;
  kill(): void;
}

const ESC = '\u001b';
const BEL = '\u0007';
const ANSI = new RegExp(
  `${ESC}\\[[0-9;?]*[ -/]*[@-~]|${ESC}\\][^${BEL}]*${BEL}|${ESC}[()][A-Z0-9]|${ESC}[=>78]`,
  'g',
);
/** Foreground or background colour codes (SGR 30-49, 90-107). */
const COLOUR = new RegExp(`${ESC}\\[(?:[0-9;]*;)?(?:3|4|9|10)[0-9]m`);

/** Whether raw terminal output sets any colour. */
export function usesColour(raw: string): boolean {
  return COLOUR.test(raw);
}

/**
 * Starts `aks-runbook args…` in an 80x24 pseudo-terminal with an isolated HOME; `program` is the
 * command line that starts it (default: this Node running the bin). With `after`, a shell runs
 * that command in the same terminal once the program has ended (its exit code is printed first as
 * `[exit N]`), e.g. `stty -a` to see the terminal as the program left it.
 */
export function startInPty(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  size = { cols: 80, rows: 24 },
  program = `${process.execPath} ${BIN}`,
  options: { after?: string } = {},
): PtySession {
  const line = `${program} ${args.join(' ')}`;
  const command = options.after
    ? `stty cols ${size.cols} rows ${size.rows}; ${line}; echo "[exit $?]"; ${options.after}`
    : `stty cols ${size.cols} rows ${size.rows}; exec ${line}`;
  const child: ChildProcessWithoutNullStreams = spawn('script', ['-qfec', command, '/dev/null'], {
    env: {
      PATH: process.env['PATH'],
      HOME: isolatedHome(),
      TMPDIR: tmpdir(),
      ...compileCache(),
      TERM: 'xterm-256color',
      AKS_RUNBOOK_NO_AZURE_SIGNIN: '1',
      ...env,
    },
  });
  let raw = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    raw += d.toString();
    for (const w of waiters) w();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Registered after its HOME, so it runs first: the program is gone before its folders are.
  onCleanup(async () => {
    const program = childOf(child.pid);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exit;
    // `script` gone, the program it ran gets SIGHUP; make sure it is gone too.
    if (program) await gone(program);
  });
  const screen = (): string => raw.replace(ANSI, '');
  return {
    screen,
    raw: () => raw,
    type: (keys) => child.stdin.write(keys),
    waitFor: (text, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const found = (): boolean =>
          typeof text === 'string'
            ? screen().includes(text)
            : typeof text === 'function'
              ? text(screen())
              : text.test(screen());
        if (found()) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `"${String(text)}" did not appear in ${timeoutMs} ms; the terminal shows:\n${screen().slice(-3000)}`,
            ),
          );
        }, timeoutMs);
        const check = (): void => {
          if (!found()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      }),
    exited: (timeoutMs = 10_000) =>
      Promise.race([
        exit,
        new Promise<never>((_, reject) =>
          setTimeout(
            () =>
              reject(
                new Error(`did not exit in ${timeoutMs} ms; screen:\n${screen().slice(-2000)}`),
              ),
            timeoutMs,
          ).unref(),
        ),
      ]),
    kill: () => child.kill('SIGKILL'),
  };
}

/** The first child of `pid` (the program `script` runs), from /proc; undefined if none. */
function childOf(pid: number | undefined): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return children ? Number(children.split(/\s+/)[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** Waits up to 5 s for `pid` to exit, then kills it. */
async function gone(pid: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (existsSync(`/proc/${pid}`) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Types `text` as a person does: one key per write, each echoed after the prompt (`› …`) before
 * the next. A typed confirmation refuses a burst (a paste), so a name written at once never counts.
 */
export async function typeByHand(pty: PtySession, text: string): Promise<void> {
  for (let i = 1; i <= text.length; i++) {
    const mark = pty.screen().length;
    pty.type(text[i - 1]!);
    await pty.waitFor((screen) => screen.slice(mark).includes(`› ${text.slice(0, i)}`));
  }
}
