// SIGTERM and SIGHUP stop `fleet sequence` / `fleet run` following as Ctrl+C does: the command's
// own "stopped following" line (it sees the same abort), then the signal's conventional code.
import { afterEach, describe, expect, it } from 'vitest';
import { interruptible } from '../../src/cli/fleet-interrupt.js';

/** A command that, like the fleet commands, says it stopped following and returns 130. */
function following(lines: string[]) {
  return (signal: AbortSignal) =>
    new Promise<number>((resolve) =>
      signal.addEventListener('abort', () => {
        lines.push('Stopped following: it goes on in Azure.');
        resolve(130);
      }),
    );
}

afterEach(() => {
  // No handler of ours is left behind to swallow a later signal.
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    expect(process.listenerCount(s)).toBe(before[s]);
});
const before = {
  SIGINT: process.listenerCount('SIGINT'),
  SIGTERM: process.listenerCount('SIGTERM'),
  SIGHUP: process.listenerCount('SIGHUP'),
};

describe('a signal while a fleet command follows', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal}: the stopped-following line, exit ${code}`, async () => {
      const lines: string[] = [];
      const ran = interruptible(following(lines));
      process.emit(signal, signal);
      expect(await ran).toBe(code);
      expect(lines).toEqual(['Stopped following: it goes on in Azure.']);
    });
  }

  it('a command that finished on its own keeps its code', async () => {
    expect(await interruptible(() => Promise.resolve(0))).toBe(0);
  });
});
