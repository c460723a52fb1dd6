// The steps' first looks begin before the old journals are read (they need the disk, not the
// cluster). The interrupted-work offer must still come first: the state that first says
// "connected" (what lets the overview and any step screen show) already carries the offer, and
// nothing was asked of the operator before it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/runbook/session.js';
import { startSession } from '../../src/runbook/start-session.js';
import { tempDir } from '../helpers/temp-dir.js';
import { simTarget } from '../reliability/cli-harness.js';

const T = '2025-03-01T10:00:00.000Z';
const line = (record: Record<string, unknown>): string => JSON.stringify(record) + '\n';

describe('an earlier session that left a change half done on this cluster', () => {
  it('is offered in the same state that first says connected, before anything is asked', async () => {
    const target = await simTarget({ scenario: 'minimal' });
    try {
      const state = tempDir('resume-first-');
      const dir = join(state, 'aks-runbook');
      mkdirSync(dir);
      writeFileSync(
        join(dir, '2025-03-01T10-00-00-000Z-aks-minimal-1.jsonl'),
        line({ time: T, type: 'session', cluster: target.sim.arm.name }) +
          line({
            time: T,
            type: 'note',
            step: 'connect',
            message: 'connected',
            detail: { server: target.sim.baseUrl },
          }) +
          line({
            time: T,
            type: 'intent',
            id: 1,
            step: 'drain',
            action: 'cordon',
            target: 'node/n',
          }),
      );
      const store = new SessionStore({ readOnly: false, dryRun: false, demo: false });
      let firstConnected: ReturnType<typeof store.getState> | undefined;
      let askedBefore = false;
      const off = store.subscribe(() => {
        const now = store.getState();
        if (!firstConnected && now.confirmation) askedBefore = true;
        if (!firstConnected && now.connection.phase === 'connected') firstConnected = now;
      });
      const running = await startSession(
        { cloud: 'AzureCloud', demo: false, simConnection: target.file },
        store,
        { XDG_STATE_HOME: state, HOME: state },
      );
      off();
      try {
        expect(firstConnected?.resume).toMatchObject({
          intents: [{ step: 'drain', action: 'cordon', target: 'node/n' }],
        });
        expect(askedBefore).toBe(false);
      } finally {
        await running.stop();
      }
    } finally {
      await target.sim.close();
    }
  }, 60_000);
});
