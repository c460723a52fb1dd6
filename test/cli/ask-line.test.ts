// The fleet commands' typed confirmation on a terminal: an answer typed or pasted before the
// question appeared (typed ahead while the last cluster upgraded, a multi-line paste) answers
// nothing; one typed after it does.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askLine } from '../../src/cli/ask-line.js';

const BACKSPACE = '\u007f';
const CTRL_U = '\u0015';

/** A terminal: readline runs in terminal mode, so it edits the line (Backspace, Ctrl+U) itself. */
function terminal(clock: { t: number }) {
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  return { input, output, now: () => clock.t, shown: () => shown };
}

/** Lets the stream deliver what was written (a read of its own). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Writes `text` the way a person types it: a key per read. */
/** Writes each of `reads` as a read of its own. */
async function sendReads(input: PassThrough, reads: readonly string[]): Promise<void> {
  for (const read of reads) {
    input.write(read);
    await settle();
  }
}

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

  it.each([
    ['then a key and Backspace', ['aks', 'x', BACKSPACE, '\r']],
    ['then a space (callers trim it)', ['aks', ' ', '\r']],
    ['after a space', [' ', 'aks', '\r']],
    ['after other text cleared with Ctrl+U', ['zz', CTRL_U, 'aks', '\r']],
  ])('a short name pasted whole %s does not count', async (_, reads) => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const answer = askLine('Type the cluster name (aks): ', t);
    clock.t = 1_000;
    await sendReads(t.input, reads);
    expect(await answer).toBe('');
    expect(t.shown()).toContain('That came all at once');
  });

  it('a typo mended with Backspace, typed key by key, counts', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const answer = askLine('Type the cluster name (aks): ', t);
    clock.t = 1_000;
    await sendReads(t.input, ['a', 'k', 'x', BACKSPACE, 's', '\r']);
    expect(await answer).toBe('aks');
  });

  it('Enter bunched with the last key by a slow link counts, once the name came over reads', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const answer = askLine('Type the cluster name (aks): ', t);
    clock.t = 1_000;
    await sendReads(t.input, ['a', 'k', 's\r']);
    expect(await answer).toBe('aks');
  });

  it('a one-character name and its Enter in one read do not count; Enter in a read of its own does', async () => {
    const clock = { t: 0 };
    const t = terminal(clock);
    const first = askLine('Type the cluster name (a): ', t);
    clock.t = 1_000;
    await sendReads(t.input, ['a\r']);
    expect(await first).toBe('');
    const second = askLine('Type the cluster name (a): ', t);
    clock.t = 2_000;
    await sendReads(t.input, ['a', '\r']);
    expect(await second).toBe('a');
  });

  it('Ctrl+D, Ctrl+C or the end of input answers nothing (a cancel), never an error', async () => {
    for (const end of ['ctrl-d', 'ctrl-c', 'eof'] as const) {
      const clock = { t: 0 };
      const t = terminal(clock);
      const answer = askLine('Type the fleet name (fleet-1): ', t);
      clock.t = 1_000;
      await typeByHand(t.input, 'fle');
      if (end === 'eof') t.input.end();
      else await sendReads(t.input, [CTRL_U, end === 'ctrl-d' ? '\u0004' : '\u0003']);
      await expect(answer, end).resolves.toBe('');
    }
  });
});
