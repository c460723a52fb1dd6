// A look again that reads something before its look (node-image and upgrades read ARM first on
// r) and whose bound runs out during that read never reached its look: the step kept its status
// and its changes as if it had looked, and only a result line (under the fold) said it failed.
// Whether the read gave up before the bound (then the look ran and failed: stale) or the bound
// ran out first was the machine's timing (stale-look failed so under load). The clock here is
// fake: the bound runs out when the test says.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import type { Connection } from '../../src/model/connection.js';
import { defineStep } from '../../src/steps/lifecycle/define.js';
import { LOOK_AGAIN_MIN_MS } from '../../src/steps/lifecycle/look-again.js';
import { STALE_STATUS } from '../../src/steps/lifecycle/stale.js';
import { openLookBound } from '../../src/model/look-bound.js';
import { tempDir } from '../helpers/temp-dir.js';

afterEach(() => {
  vi.useRealTimers();
});

/**
 * How the read before the look ends: never, when the bound aborts it (a wire's request), or at
 * once (it gave up just before the bound: the look begins, and the bound cuts its requests).
 */
type ReadEnd = 'never' | 'aborted' | 'at once';

/**
 * A step whose r first reads something that does not answer, then looks; `ran` is r's run, and
 * its look's requests fail with a bare `fetch failed` once the bound has aborted them.
 */
function hangingReadStep(read: ReadEnd, ran: { run?: Promise<void> } = {}) {
  return defineStep<{ flag: boolean }, undefined>({
    id: 'api-access',
    inspect: () => {
      const bound = openLookBound();
      if (bound?.signal.aborted) return Promise.reject(new Error('fetch failed'));
      // A request the bound cuts fails with its bare words.
      if (bound && read === 'at once')
        return new Promise((_, reject) =>
          bound.signal.addEventListener('abort', () => reject(new Error('fetch failed'))),
        );
      return Promise.resolve({
        facts: { flag: false },
        summary: ['flag is off'],
        findings: [
          { id: 'rights.test-flag-off', severity: 'high' as const, message: 'the flag is off' },
        ],
      });
    },
    initial: undefined,
    actions: () => [
      {
        key: 'r',
        looksAgain: true,
        label: 'Look again',
        run: (run) =>
          (ran.run = (async () => {
            // The read before the look (node-image reads ARM): the cluster went away.
            const bound = openLookBound()!;
            await new Promise((resolve, reject) => {
              if (read === 'aborted') bound.signal.addEventListener('abort', reject);
              if (read === 'at once') resolve(undefined);
            }).catch(() => undefined);
            await run.retryOrLook();
          })()),
      },
      { key: 'e', label: 'Turn the flag on', run: () => undefined },
    ],
  });
}

async function setup(read: ReadEnd, ran: { run?: Promise<void> } = {}) {
  const mode = { readOnly: false, dryRun: false, demo: true };
  const store = new SessionStore(mode);
  const journal = await Journal.open({ cluster: 'x', mode, env: {}, dir: tempDir('bound-') });
  const connection = { summary: { name: 'x' } } as Connection;
  const host = new StepHost({
    store,
    connection,
    journal,
    steps: { 'api-access': hangingReadStep(read, ran) },
  });
  return { store, journal, host };
}

describe('a look again whose bound runs out before its look', () => {
  it('makes the step stale: status, withdrawn changes, the one line of what failed', async () => {
    const { store, journal, host } = await setup('never');
    await host.open('api-access');
    expect(store.getState().steps['api-access']).toEqual({ kind: 'findings', count: 1 });

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const sent = host.send('api-access', { type: 'action', key: 'r' });
    await vi.advanceTimersByTimeAsync(LOOK_AGAIN_MIN_MS);
    await sent;
    vi.useRealTimers();

    const view = store.getState().stepViews['api-access']!;
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'unavailable',
      why: STALE_STATUS,
    });
    expect(view.summary?.[0]).toMatch(/^▲ STALE:/);
    expect(view.actions).toContainEqual(
      expect.objectContaining({ key: 'e', unavailable: 'the last look failed: look again first' }),
    );
    expect(view.result).toEqual([
      expect.stringMatching(/^✖ the cluster did not answer within 5 s/),
    ]);
    await journal.close();
  });

  // 'aborted': r's look began once the read before it was aborted with the bound (it once put its
  // bare "fetch failed" in place of the line that says what was not reached); 'at once': the look
  // began before the bound ran out and was cut by it.
  it.each(['aborted', 'at once'] as const)(
    'its look (%s) says what the bound says, and the step is stale',
    async (when) => {
      const ran: { run?: Promise<void> } = {};
      const { store, journal, host } = await setup(when, ran);
      await host.open('api-access');
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const sent = host.send('api-access', { type: 'action', key: 'r' });
      await vi.advanceTimersByTimeAsync(LOOK_AGAIN_MIN_MS);
      await sent;
      vi.useRealTimers();
      await ran.run?.catch(() => undefined);
      expect(store.getState().stepViews['api-access']?.result).toEqual([
        expect.stringMatching(/^✖ the cluster did not answer within 5 s/),
      ]);
      expect(store.getState().steps['api-access']).toEqual({
        kind: 'unavailable',
        why: STALE_STATUS,
      });
      await journal.close();
    },
  );
});
