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

/** Lets the stream deliver what was written (a read of its own). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Writes `text` the way a person types it: a key per read. */
async function typeByHand(input: PassThrough, text: string): Promise<void> {
  for (const key of text) {
    input.write(key);
    await settle();
  }
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

  it('an answer sent the moment the next question appears does not count', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const first = askLine('Type the cluster name (aks-1): ', t);
    clock.t = 1_000;
    await typeByHand(t.input, 'aks-1\n');
    expect(await first).toBe('aks-1');
    const second = askLine('Type the cluster name (aks-2): ', t);
    await typeByHand(t.input, 'aks-2\n');
    expect(await second).toBe('');
  });

  it('an answer typed after the guard time counts', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const answer = askLine('Type the fleet name (fleet-1): ', t);
    clock.t = 250;
    await typeByHand(t.input, 'fleet-1\n');
    expect(await answer).toBe('fleet-1');
  });

  it('text typed ahead, then Enter after the guard time, does not count', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    // The terminal held it before the question: readline reads it the moment it starts.
    t.input.write('fl');
    const answer = askLine('Type the fleet name (fleet-1): ', t);
    await settle();
    clock.t = 1_000;
    await typeByHand(t.input, 'eet-1\n');
    expect(await answer).toBe('');
    expect(t.shown()).toContain('typed before the question appeared');
  });

  it('a short name and its Enter in one read (no more keys than a busy read holds) do not count', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const answer = askLine('Type the cluster name (aks): ', t);
    clock.t = 1_000;
    t.input.write('aks\n');
    expect(await answer).toBe('');
    expect(t.shown()).toContain('That came all at once');
  });

  it('a short name whole in one read, then Enter on its own, does not count', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const answer = askLine('Type the cluster name (aks): ', t);
    clock.t = 1_000;
    t.input.write('aks');
    await settle();
    t.input.write('\r');
    expect(await answer).toBe('');
    expect(t.shown()).toContain('That came all at once');
  });

  it('a short name over two reads, then Enter on its own, counts', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const answer = askLine('Type the cluster name (aks): ', t);
    clock.t = 1_000;
    for (const read of ['ak', 's', '\n']) {
      t.input.write(read);
      await settle();
    }
    expect(await answer).toBe('aks');
  });

  it('a paste without bracketed paste (the name in one read) does not count', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const answer = askLine('Type the fleet name (fleet-1): ', t);
    clock.t = 1_000;
    t.input.write('fleet-1');
    await settle();
    t.input.write('\n');
    expect(await answer).toBe('');
    expect(t.shown()).toContain('That was pasted, not typed');
  });
});
