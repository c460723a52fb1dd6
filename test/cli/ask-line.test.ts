// The fleet commands' typed confirmation on a terminal: an answer typed or pasted before the
// question appeared (typed ahead while the last cluster upgraded, a multi-line paste) answers
// nothing; one typed after it does.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askLine } from '../../src/cli/ask-line.js';

function terminal(clock: { t: number }) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  return { input, output, now: () => clock.t, shown: () => shown };
}

describe('askLine', () => {
  it('an answer already waiting when the question appears does not count', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const answer = askLine('Type the cluster name (aks-1): ', t);
    t.input.write('aks-1\n');
    expect(await answer).toBe('');
    expect(t.shown()).toContain('typed before the question appeared');
  });

  it('the rest of a paste, or an answer sent the moment the next question appears, does not count', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const first = askLine('Type the cluster name (aks-1): ', t);
    clock.t = 1_000;
    t.input.write('aks-1\naks-2\n');
    expect(await first).toBe('aks-1');
    const second = askLine('Type the cluster name (aks-2): ', t);
    t.input.write('aks-2\n');
    expect(await second).toBe('');
  });

  it('an answer typed after the guard time counts', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const answer = askLine('Type the fleet name (fleet-1): ', t);
    clock.t = 250;
    t.input.write('fleet-1\n');
    expect(await answer).toBe('fleet-1');
  });
});
