import { EventEmitter } from 'node:events';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderApp, type AppHandle } from '../../screens/render-app.js';
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

/** A terminal-like input stream in raw mode. */
class FakeStdin extends EventEmitter {
  constructor(readonly isTTY = true) {
    super();
  }
  private pending: string | null = null;
  setEncoding() {}
  setRawMode() {
    if (!this.isTTY) throw new Error('Raw mode is not supported on the current process.stdin');
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
  }
}

async function start(busy = false, tty = true) {
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
  return { app: app!, onQuit, stdout, press };
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
    // Outside tests' debug mode Ink throttles frames; wait for the question to be drawn.
    await act(() =>
      vi.waitFor(() => expect(stdout.output).toContain('Quit while work is running?')),
    );
    await press(CTRL_C);
    await app.waitUntilExit();
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('unmount() takes the app down', async () => {
    const { app } = await start();
    await act(async () => {
      app.unmount();
      await Promise.resolve();
    });
    await expect(app.waitUntilExit()).resolves.toBeUndefined();
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
