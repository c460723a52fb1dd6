// A look that fails, first or again, is journaled (StepHost), so the transcript built from the
// journal says so: it neither leaves out a step that could not be inspected nor shows an older
// look's findings as current (found by the hostile review on wt/55).
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/simulator.js';
import { makeDefenderStep } from '../../src/steps/defender/index.js';
import { armError, kubeStatus, type Interceptor } from '../../src/sim/server.js';
import { readJournal } from '../../src/runbook/journal-read.js';
import { renderTranscript } from '../../src/report/transcript.js';
import { STEP_MODULES } from '../../src/steps/registry.js';
import { connectToSim, hostFor, DEMO_WORKSPACE } from '../helpers/sim-session.js';

const intercept = (sim: unknown, i: Interceptor) =>
  (sim as { https: { interceptors: Interceptor[] } }).https.interceptors.unshift(i);

describe('the transcript after looks that failed', () => {
  it('a look again that failed: the transcript does not present the older findings as current', async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 2000 });
    const connection = await connectToSim(sim);
    const { store, host, journal, close } = await hostFor(connection, {
      defender: makeDefenderStep({ pollMs: 5 }),
    });
    try {
      await host.open('defender');
      expect(store.getState().steps.defender.kind).toBe('findings');
      // ARM starts failing; entering a workspace looks again, and that look fails.
      intercept(sim, (q, api) =>
        api === 'arm' && q.method === 'GET'
          ? armError(500, 'InternalServerError', 'boom')
          : undefined,
      );
      await host.send('defender', { type: 'workspace', id: DEMO_WORKSPACE });
      expect(store.getState().steps.defender.kind).toBe('unavailable');
      expect(store.getState().stepViews.defender!.summary?.[0]).toMatch(/STALE/);
      await close();
      const transcript = renderTranscript(await readJournal(journal.path));
      expect(transcript).toMatch(
        /### defender: 1 finding by an earlier look; STALE: the latest look failed/,
      );
    } finally {
      await close();
      await sim.close();
    }
  }, 90_000);

  it('a step whose only look failed is not left out of the transcript', async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 2000 });
    const connection = await connectToSim(sim);
    intercept(sim, (q) =>
      /networkpolicies$/.test(q.path)
        ? kubeStatus(500, 'InternalError', 'etcd timeout')
        : undefined,
    );
    const { store, host, journal, close } = await hostFor(connection, {
      imds: STEP_MODULES.imds,
    });
    try {
      await host.open('imds');
      expect(store.getState().steps.imds.kind).toBe('unavailable');
      await close();
      const transcript = renderTranscript(await readJournal(journal.path));
      expect(transcript).toMatch(/### imds: could not be inspected: the look failed \(.*500/);
      expect(transcript).not.toMatch(/No step was inspected/);
    } finally {
      await close();
      await sim.close();
    }
  }, 90_000);
});
