// An abort that came before the operation's request went out (during the first node snapshot, or
// any read before it): followOperation does not build the poller, so nothing is sent.
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { followOperation } from '../../src/steps/rotation/follow.js';

describe('followOperation after an abort', () => {
  it('never calls start', async () => {
    const ctrlC = new AbortController();
    ctrlC.abort();
    let started = 0;
    await expect(
      followOperation({
        kc: new KubeConfig(),
        what: 'upgrade control plane to 1.31.8',
        target: {},
        start: () => {
          started++;
          throw new Error('start must not be called');
        },
        onUpdate: () => undefined,
        signal: ctrlC.signal,
      }),
    ).rejects.toThrow(/interrupted before it was sent/);
    expect(started).toBe(0);
  });
});
