import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectSteps } from '../../src/runbook/audit-inspect.js';
import { AUDIT_STEPS } from '../../src/report/audit-steps.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { STEP_MODULES } from '../../src/steps/registry.js';
import type { Connection } from '../../src/model/connection.js';
import { connectToSim } from '../helpers/sim-session.js';

// The steps that fold pods page by page (drain, IMDS, containers) have folded the first page when
// a later page fails: each must fail its look as a whole, never give a verdict on the pods so far.

let sim: Simulator;
let connection: Connection;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 1000 });
  connection = await connectToSim(sim);
  // More than one page (500) of pods, so the list has a second page to fail.
  const node = sim.kube.listNodes()[0]!.metadata.name;
  sim.kube.load(
    Array.from({ length: 600 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: 'default', name: `filler-${i}` },
      spec: { nodeName: node, containers: [{ name: 'app', image: 'nginx' }] },
    })),
  );
});
afterAll(async () => {
  await sim.close();
});

const steps = AUDIT_STEPS.filter((s) => ['drain', 'imds', 'containers'].includes(s.id));
const mode = { readOnly: true, dryRun: false, demo: false };

describe('a pod page after the first fails', () => {
  it('(with every page answered, the three steps look at all the pods)', async () => {
    const reports = await inspectSteps({ connection, modules: STEP_MODULES, steps, mode });
    expect(reports.map((r) => r.status).filter((s) => s !== 'ok' && s !== 'findings')).toEqual([]);
  });

  it('leaves drain, IMDS and containers unavailable, with no findings from the first page', async () => {
    const held = sim.hold(
      (method, path, query) => method === 'GET' && path === '/api/v1/pods' && query.has('continue'),
    );
    void held.reached.then(() => held.drop());
    const reports = await inspectSteps({ connection, modules: STEP_MODULES, steps, mode });
    await held.reached;
    expect(reports.map((r) => [r.id, r.status, r.findings.length])).toEqual(
      steps.map((s) => [s.id, 'unavailable', 0]),
    );
  });
});
