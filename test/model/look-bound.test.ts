// One bound for a whole look: it ends the look, says what could not be reached, joins nested
// looks and aborts what the look left running.
import { describe, expect, it } from 'vitest';
import type { FaultError } from '../../src/model/errors.js';
import { openLookBound, unreachableWords, withinLookBound } from '../../src/model/look-bound.js';

const never = () => new Promise<never>(() => undefined);

describe('withinLookBound', () => {
  it('ends a look that does not finish, as a timeout, and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const look = withinLookBound(300, () => {
      signal = openLookBound()?.signal;
      return never();
    });
    const error = (await look.catch((e: unknown) => e)) as FaultError;
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/^the cluster did not answer within 0\.3 s; /);
    expect(signal?.aborted).toBe(true);
  });

  it('names what could not be reached, as the wires told it', async () => {
    const look = withinLookBound(300, async () => {
      openLookBound()!.noteTrouble(
        'Azure Resource Manager https://127.0.0.1:1',
        'refused the connection',
      );
      return never();
    });
    const error = (await look.catch((e: unknown) => e)) as FaultError;
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(
      /^Azure Resource Manager https:\/\/127\.0\.0\.1:1 refused the connection \(gave up after 0\.3 s\); check/,
    );
  });

  it('a look inside a look joins its bound; a look that worked leaves its signal alone', async () => {
    let outer: AbortSignal | undefined;
    let inner: AbortSignal | undefined;
    await withinLookBound(1_000, async () => {
      outer = openLookBound()?.signal;
      await withinLookBound(5_000, () => Promise.resolve((inner = openLookBound()?.signal)));
    });
    expect(inner).toBe(outer);
    expect(outer?.aborted).toBe(false);
    expect(openLookBound()).toBeUndefined();
  });

  it('a failed look aborts what it still had running', async () => {
    let signal: AbortSignal | undefined;
    const look = withinLookBound(10_000, () => {
      signal = openLookBound()?.signal;
      return Promise.reject(new Error('refused'));
    });
    await expect(look).rejects.toThrow('refused');
    expect(signal?.aborted).toBe(true);
  });
});

describe('unreachableWords', () => {
  it('reads the code along the cause chain, never the message', () => {
    const refused = Object.assign(new Error('x'), { code: 'ECONNREFUSED' });
    expect(unreachableWords(new Error('fetch failed', { cause: refused }))).toBe(
      'refused the connection',
    );
    expect(unreachableWords(new Error('ECONNREFUSED'))).toBeUndefined();
  });
});
