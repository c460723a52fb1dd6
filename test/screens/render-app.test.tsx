import { EventEmitter } from 'node:events';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { preloadScreens, renderApp, type AppHandle } from '../../screens/render-app.js';
import { CTRL_C } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

/** A terminal-like output stream, 80x24. */
class FakeStdout extends EventEmitter {
  columns = 80;
  rows = 24;
  isTTY = true;
  output = '';
  write = (chunk: string, ...rest: unknown[]) => {
    this.output += chunk;
    const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
}

/** A terminal-like input stream in raw mode, flowing: each read is one `data` event. */
class FakeStdin extends EventEmitter {
  constructor(readonly isTTY = true) {
    super();
  }
  rawMode = false;
  private pending: string | null = null;
  setEncoding() {}
  setRawMode(on: boolean) {
    if (!this.isTTY) throw new Error('Raw mode is not supported on the current process.stdin');
    this.rawMode = on;
  }
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const chunk = this.pending;
    this.pending = null;
    return chunk;
  };
  type(chunk: string) {
    this.pending = chunk;
    this.emit('readable');
    this.emit('data', chunk);
  }
}

async function start(busy = false, tty = true) {
  // Connected from the start: the checklist and the quit question are loaded, as they are in the
  // program by the time it has connected (it loads them right after its first frame).
  await preloadScreens();
  const store = connectedStore();
  store.update({ busy });
  const onQuit = vi.fn();
  const stdin = new FakeStdin(tty);
  const stdout = new FakeStdout();
  let app: AppHandle | undefined;
  await act(async () => {
    app = renderApp(
      store,
      { onQuit },
      {
        stdin: stdin as unknown as NodeJS.ReadStream,
        stdout: stdout as unknown as NodeJS.WriteStream,
        stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
        interactive: true,
        patchConsole: false,
      },
    );
    await Promise.resolve();
  });
  const press = (key: string) =>
    act(async () => {
      stdin.type(key);
      await Promise.resolve();
    });
  return { app: app!, onQuit, stdout, stdin, press };
}

/** Lets React commit (one act at a time, so timers' updates land) until `check` holds. */
async function settled(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the frame');
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
  }
}

describe('renderApp', () => {
  it('mounts the app; q calls onQuit and the app exits', async () => {
    const { app, onQuit, stdout, press } = await start();
    expect(stdout.output).toContain('Connect and check your rights');
    await press('q');
    await app.waitUntilExit();
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('Ctrl+C does not kill the app: it asks while busy and quits on the second press', async () => {
    const { app, onQuit, stdout, press } = await start(true);
    await press(CTRL_C);
    expect(onQuit).not.toHaveBeenCalled();
    // Outside tests' debug mode Ink throttles frames; wait for the question to be drawn, and
    // for its keys to be shown (a Ctrl+C typed sooner is not taken as the answer).
    await act(() =>
      vi.waitFor(() => expect(stdout.output).toContain('Quit while work is running?')),
    );
    await settled(() => stdout.output.includes('y/Ctrl+C quit'));
    await press(CTRL_C);
    await app.waitUntilExit();
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('unmount() takes the app down and gives the terminal back (raw mode, bracketed paste)', async () => {
    const { app, stdin, stdout } = await start();
    expect(stdin.rawMode).toBe(true);
    expect(stdout.output).toContain('\u001b[?2004h');
    await act(async () => {
      app.unmount();
      await Promise.resolve();
    });
    await expect(app.waitUntilExit()).resolves.toBeUndefined();
    expect(stdin.rawMode).toBe(false);
    expect(stdout.output).toContain('\u001b[?2004l');
    expect(stdin.listenerCount('data')).toBe(0);
  });

  it('renders without raw mode (piped stdin) instead of crashing; keys are simply not read', async () => {
    const { app, onQuit, stdout, press } = await start(false, false);
    expect(stdout.output).toContain('Connect and check your rights');
    expect(stdout.output).toContain('Keys are off: input is not a terminal');
    await press('q');
    expect(onQuit).not.toHaveBeenCalled();
    await act(async () => {
      app.unmount();
      await Promise.resolve();
    });
  });
});
