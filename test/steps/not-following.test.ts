// What a view that follows the cluster says when a watch it relies on stops: a refusal at once
// (what was refused, since when the view stands still, what to do); a watch being retried only
// once it failed again (one blip mends itself unseen); a watch gone silent at once (it is read
// again and watched again).
import { describe, expect, it } from 'vitest';
import { notFollowing, RETRYING_SHOWN_AFTER } from '../../src/steps/lifecycle/not-following.js';
import type { WatchHealth } from '../../src/model/watch-health.js';

const READ_AT = Date.UTC(2026, 11, 7, 15, 42, 10);
const live: WatchHealth = { state: 'live' };
const refused = (kind: 'forbidden' | 'unauthenticated' | 'not-found', words: string) =>
  ({ state: 'refused', doing: 'watching nodes', words, kind, at: READ_AT }) as const;
const retrying = (failures: number): WatchHealth => ({
  state: 'retrying',
  doing: 'watching pods',
  words: '503 Service Unavailable',
  failures,
  since: READ_AT,
});

const lost: WatchHealth = {
  state: 'lost',
  doing: 'watching PodDisruptionBudgets',
  silentMs: 150_000,
  at: READ_AT,
};

describe('a view that no longer follows the cluster says so', () => {
  it('every watch live: nothing to say', () => {
    expect(notFollowing([live, live], READ_AT, 'l')).toBeUndefined();
  });

  it('refused for want of the watch right: what, since when, and what to do', () => {
    expect(notFollowing([live, refused('forbidden', '403 Forbidden')], READ_AT, 'l')).toEqual({
      refused: true,
      lines: [
        '✖ Not following the cluster: watching nodes was refused (403 Forbidden).',
        '  As read at 15:42:10 UTC. l reads again; to follow, ask for the "watch" right.',
      ],
    });
  });

  it('refused for an expired token: sign in again', () => {
    const said = notFollowing([refused('unauthenticated', '401 Unauthorized')], READ_AT, 'l');
    expect(said?.lines[1]).toBe(
      '  As read at 15:42:10 UTC. Sign in again (az login), then l reads again.',
    );
  });

  it('a refusal outweighs a watch being retried', () => {
    const said = notFollowing([retrying(5), refused('not-found', '404 Not Found')], READ_AT, 'l');
    expect(said?.refused).toBe(true);
    expect(said?.lines[1]).toContain('The cluster does not serve it');
  });

  it('retried: said once it failed again, never after one blip', () => {
    expect(notFollowing([retrying(RETRYING_SHOWN_AFTER - 1)], READ_AT, 'l')).toBeUndefined();
    expect(notFollowing([retrying(RETRYING_SHOWN_AFTER)], READ_AT, 'l')).toEqual({
      refused: false,
      lines: [
        '▲ Not following the cluster: watching pods failed (503 Service Unavailable); trying again.',
        '  As read at 15:42:10 UTC; l reads again.',
      ],
    });
  });

  it('a watch gone silent: said at once, read again and watched again', () => {
    expect(notFollowing([live, lost], READ_AT, 'l')).toEqual({
      refused: false,
      lines: [
        '▲ Watch lost: watching PodDisruptionBudgets sent nothing for 150 s.',
        '  Reading again, watching again. As read at 15:42:10 UTC; l reads again.',
      ],
    });
  });

  it('a refusal outweighs a lost watch; a lost watch outweighs one being retried', () => {
    expect(notFollowing([lost, refused('forbidden', '403 Forbidden')], READ_AT, 'l')?.refused).toBe(
      true,
    );
    expect(notFollowing([retrying(5), lost], READ_AT, 'l')?.lines[0]).toMatch(/^▲ Watch lost/);
  });

  it('the lost lines fit an 80-column terminal', () => {
    const said = notFollowing([lost], READ_AT, 'l')!;
    for (const line of said.lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('the refused lines fit an 80-column terminal', () => {
    const said = notFollowing([refused('forbidden', '403 Forbidden')], READ_AT, 'l')!;
    for (const line of said.lines) expect(line.length).toBeLessThanOrEqual(80);
  });
});
