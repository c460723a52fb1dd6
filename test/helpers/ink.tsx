// The one way screen tests render and type: every render, key and wait runs inside React's act(),
// so a key typed right after a screen change reaches the new screen (see reference/tui.md §4).
import { stripVTControlCharacters } from 'node:util';
import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { act, type ReactElement } from 'react';
import { afterEach } from 'vitest';
import { KeyBus } from '../../screens/key-bus.js';
import { KeyBusProvider } from '../../screens/KeyBusProvider.js';
import { KeyHints } from '../../screens/KeyHints.js';
import { preloadScreens } from '../../screens/lazy-shell.js';
import { until } from './until.js';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

export const ESC = '\u001B';
export const ENTER = '\r';
export const UP = '\u001B[A';
export const DOWN = '\u001B[B';
export const LEFT = '\u001B[D';
export const RIGHT = '\u001B[C';
export const TAB = '\t';
export const BACKSPACE = '\u007F';
export const CTRL_C = '\u0003';
export const PAGE_DOWN = '\u001B[6~';
export const PAGE_UP = '\u001B[5~';
export const HOME = '\u001B[H';
export const END = '\u001B[F';

/** Text as a terminal with bracketed paste on sends a paste. */
export function pasted(text: string): string {
  return `\u001B[200~${text}\u001B[201~`;
}

/** How long a condition may take before the test fails with the last frame. */
const DEADLINE_MS = 2_000;

/** A rendered tree and the ways a test drives it. */
export interface InkHarness {
  /** The last frame as printed, with colours and styles. */
  raw(): string;
  /** The last frame without ANSI sequences. */
  frame(): string;
  /** Presses keys one at a time; each returns once Ink has handed the key to the app. */
  press(...keys: string[]): Promise<void>;
  /**
   * Writes keys as one read from the terminal (fast typing, a paste), with no pause for React to
   * render between them (unlike `press`), then waits until the frame shows `expected`. Runs outside
   * act: the app itself must let the screen catch up between the keys. Tests typing races.
   */
  burst(chunk: string, expected: string): Promise<string>;
  /** Types text one character at a time. */
  type(text: string): Promise<void>;
  /** Waits until the plain frame satisfies `check` (a string = contains it). */
  waitFor(check: string | ((frame: string) => boolean)): Promise<string>;
  /** Runs `change` (e.g. a store update by the logic) inside act, so its render is flushed. */
  act(change: () => void): Promise<void>;
  /** Changes the terminal size, as SIGWINCH would. */
  resize(columns: number, rows: number): Promise<void>;
  unmount(): Promise<void>;
}

/** How a test renders: the key bus to use (its clock, its guard time) and a footer line. */
export interface RenderOptions {
  /**
   * The key bus. By default questions have no guard time (each `press` is a read of its own, so
   * the guard's "later read" rule still holds); guard tests pass a bus with a clock they control.
   */
  bus?: KeyBus;
  /** Draw the app's footer (the key hints) under `tree`, as the app does under every screen. */
  footer?: boolean;
  /**
   * Load the screens' code first, as the program does right after its first frame (default). A
   * test of a screen opened while its code still loads passes false.
   */
  preload?: boolean;
}

/** Renders `tree` in a fake terminal of `columns` × `rows` (80×24 unless told). */
export async function renderInk(
  tree: ReactElement,
  size = { columns: 80, rows: 24 },
  options: RenderOptions = {},
): Promise<InkHarness> {
  if (options.preload !== false) await preloadScreens();
  let delivered = 0;
  const bus = options.bus ?? new KeyBus({ guardMs: 0 });
  bus.onDelivered(() => (delivered += 1));
  let instance: ReturnType<typeof render> | undefined;
  await act(async () => {
    instance = render(
      <KeyBusProvider bus={bus}>
        <Box flexDirection="column">
          {tree}
          {options.footer ? <KeyHints width={size.columns} /> : null}
        </Box>
      </KeyBusProvider>,
    );
    // ink-testing-library's stdout is 100 columns with no rows; size it as a real terminal would.
    setSize(instance.stdout, size.columns, size.rows);
    instance.stdout.emit('resize');
    await Promise.resolve();
  });
  const ink = instance!;
  const frame = () => stripVTControlCharacters(ink.lastFrame() ?? '');

  const press = async (...keys: string[]) => {
    for (const key of keys) {
      const before = delivered;
      await act(async () => {
        ink.stdin.write(key);
        // A lone Escape waits ~50 ms to be told from an escape sequence: wait for delivery.
        await untilFrame(
          () => delivered > before && bus.idle(),
          `key ${JSON.stringify(key)} to reach the app`,
          frame,
        );
      });
    }
  };
  const waitFor = async (check: string | ((frame: string) => boolean)) => {
    const test = typeof check === 'string' ? (text: string) => text.includes(check) : check;
    await act(async () => {
      await untilFrame(() => test(frame()), `frame to match ${String(check)}`, frame);
    });
    return frame();
  };
  const burst = async (chunk: string, expected: string) => {
    // act would hold every render until its scope ends, which a real terminal does not do.
    globalThis.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      ink.stdin.write(chunk);
      // Every key of the read handed out, and the frame showing what they did.
      await untilFrame(
        () => bus.idle() && frame().includes(expected),
        `frame to show ${expected}`,
        frame,
      );
    } finally {
      globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    }
    return frame();
  };
  return {
    raw: () => ink.lastFrame() ?? '',
    frame,
    press,
    burst,
    type: (text) => press(...Array.from(text)),
    waitFor,
    act: async (change) => {
      await act(async () => {
        change();
        await Promise.resolve();
      });
    },
    resize: async (columns, rows) => {
      await act(async () => {
        setSize(ink.stdout, columns, rows);
        ink.stdout.emit('resize');
        await Promise.resolve();
      });
    },
    unmount: async () => {
      await act(async () => {
        ink.unmount();
        await Promise.resolve();
      });
    },
  };
}

/** Every line of a plain frame fits in `columns` cells (one cell per code point). */
export function widestLine(frame: string): number {
  return Math.max(0, ...frame.split('\n').map((line) => Array.from(line).length));
}

function setSize(stdout: NodeJS.EventEmitter, columns: number, rows: number): void {
  Object.defineProperty(stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { value: rows, configurable: true });
}

/** Polls `condition` until it holds or the deadline passes, showing the last frame if not. */
async function untilFrame(
  condition: () => boolean,
  what: string,
  frame: () => string,
): Promise<void> {
  await until(condition, () => `${what}. Last frame:\n${frame()}`, {
    ms: DEADLINE_MS,
    everyMs: 1,
  });
}

afterEach(async () => {
  await act(async () => {
    cleanup();
    await Promise.resolve();
  });
});
