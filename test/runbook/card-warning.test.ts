// The cluster card's warning while its node counts do not follow the cluster: a node watch gone
// silent (lost: read again, watched again) is said at once; one blip of a retried watch is not.
import { describe, expect, it } from 'vitest';
import { cardWarning } from '../../src/runbook/follow-card.js';

describe('the cluster card says when its nodes are not followed live', () => {
  it('a lost node watch: said at once, with how long it was silent', () => {
    expect(cardWarning({ state: 'lost', doing: 'watching nodes', silentMs: 150_000, at: 0 })).toBe(
      'Nodes not followed live: watching nodes sent nothing for 150 s (watch lost); reading again',
    );
  });

  it('live, or one failure being retried: nothing', () => {
    expect(cardWarning({ state: 'live' })).toBeUndefined();
    expect(
      cardWarning({
        state: 'retrying',
        doing: 'watching nodes',
        words: '503',
        failures: 1,
        since: 0,
      }),
    ).toBeUndefined();
  });
});
