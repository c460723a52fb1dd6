// Which failures of a watch (or of the list before it) are final: the same request would get the
// same answer, so the view that follows must stop and say so, not retry forever in silence.
import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { watchFailureOf, watchStatus, watchStatusFinal } from '../../src/kube/watch-failure.js';

/** What the watch client throws on a non-200 answer (client-node's Watch). */
function watchAnswer(status: number): Error {
  return Object.assign(new Error('Forbidden'), { statusCode: status });
}

describe('which watch answers are final', () => {
  it.each([400, 401, 403, 404, 405, 406, 415, 422])('%i is final: no retry mends it', (s) => {
    expect(watchStatusFinal(s)).toBe(true);
  });

  it.each([408, 410, 429, 500, 502, 503, 504])('%i is tried again', (s) => {
    expect(watchStatusFinal(s)).toBe(false);
  });

  it('reads the status from the list (ApiException), the watch (statusCode) and an ERROR event', () => {
    expect(watchStatus(new ApiException(403, 'Forbidden', '{}', {}))).toBe(403);
    expect(watchStatus(watchAnswer(401))).toBe(401);
    expect(watchStatus({ kind: 'Status', apiVersion: 'v1', code: 410, reason: 'Expired' })).toBe(
      410,
    );
    expect(watchStatus(new TypeError('fetch failed'))).toBeUndefined();
  });

  it('a refused watch (403, no watch verb) is final and forbidden', () => {
    expect(watchFailureOf(watchAnswer(403))).toEqual({
      final: true,
      relist: false,
      kind: 'forbidden',
      words: '403 Forbidden',
    });
  });

  it('an expired token (401) is final', () => {
    expect(watchFailureOf(new ApiException(401, 'Unauthorized', '{}', {}))).toMatchObject({
      final: true,
      kind: 'unauthenticated',
      words: '401 Unauthorized',
    });
  });

  it('410 Gone lists again and is tried again', () => {
    expect(watchFailureOf(watchAnswer(410))).toMatchObject({ final: false, relist: true });
    expect(watchFailureOf({ kind: 'Status', code: 410 })).toMatchObject({
      final: false,
      relist: true,
    });
  });

  it('a server failure (503) and throttling (429) are tried again', () => {
    expect(watchFailureOf(watchAnswer(503))).toMatchObject({
      final: false,
      relist: false,
      kind: 'server-error',
    });
    expect(watchFailureOf(watchAnswer(429))).toMatchObject({ final: false, kind: 'throttled' });
  });

  it('a network failure (no answer) is tried again, its socket code in the words', () => {
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }),
    });
    expect(watchFailureOf(reset)).toEqual({
      final: false,
      relist: false,
      kind: 'unreachable',
      words: 'fetch failed (ECONNRESET)',
    });
  });
});
