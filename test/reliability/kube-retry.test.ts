// The Kubernetes read retry policy on its own: Retry-After is honoured up to the cap, otherwise the
// wait doubles from the base with jitter, never above the cap.
import { describe, expect, it } from 'vitest';
import { backoff, DEFAULT_KUBE_RETRY } from '../../src/kube/retry.js';

const policy = { ...DEFAULT_KUBE_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };

describe('kube read backoff', () => {
  it('waits what Retry-After says, in seconds, capped', () => {
    expect(backoff(policy, 1, '0')).toBe(0);
    expect(backoff(policy, 3, '1')).toBe(1000);
    expect(backoff(policy, 1, '120')).toBe(1000);
  });

  it('doubles from the base with ±20% jitter when the server gives no Retry-After', () => {
    for (const [attempt, nominal] of [
      [1, 100],
      [2, 200],
      [3, 400],
    ] as const) {
      const ms = backoff(policy, attempt);
      expect(ms).toBeGreaterThanOrEqual(nominal * 0.8);
      expect(ms).toBeLessThanOrEqual(nominal * 1.2);
    }
    expect(backoff(policy, 10)).toBe(1000);
  });

  it('reads Retry-After as an HTTP date too', () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(backoff(policy, 1, inAMinute)).toBe(1000);
    expect(backoff(policy, 1, new Date(Date.now() - 60_000).toUTCString())).toBe(0);
  });

  it('ignores a Retry-After it cannot read and backs off instead', () => {
    const ms = backoff(policy, 1, 'soon');
    expect(ms).toBeGreaterThanOrEqual(80);
    expect(ms).toBeLessThanOrEqual(120);
  });
});
