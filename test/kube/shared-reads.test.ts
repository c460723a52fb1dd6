import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectSteps } from '../../src/runbook/audit-inspect.js';
import { earlyReadsOf } from '../../src/runbook/early-reads.js';
import { AUDIT_STEPS } from '../../src/report/audit-steps.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { STEP_MODULES } from '../../src/steps/registry.js';
import type { Connection } from '../../src/model/connection.js';
import { connectToSim } from '../helpers/sim-session.js';

// The audit reads each kind once: the steps share one paged pod list, one node list and the
// cluster that connect read from ARM. Counted from the simulator's own request log.

let sim: Simulator;
let connection: Connection;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 1000 });
  connection = await connectToSim(sim);
});
afterAll(async () => {
  await sim.close();
});

/** How many list requests started (a page with `continue` belongs to the list before it). */
function listings(entries: typeof sim.log.entries, path: RegExp): number {
  return entries.filter(
    (e) => e.method === 'GET' && path.test(e.path) && !new URLSearchParams(e.query).has('continue'),
  ).length;
}

describe('the audit of the demo cluster', () => {
  it('lists pods, nodes, namespaces, PDBs, workloads, NetworkPolicies, RBAC kinds and ServiceAccounts once and reads the ARM cluster and pools at most once', async () => {
    const before = sim.log.entries.length;
    const reports = await inspectSteps({
      connection,
      modules: STEP_MODULES,
      steps: AUDIT_STEPS,
      mode: { readOnly: true, dryRun: false, demo: false },
    });
    expect(reports.filter((r) => r.status === 'unavailable')).toEqual([]);
    const served = sim.log.entries.slice(before);
    expect(listings(served, /^\/api\/v1\/pods$/)).toBe(1);
    // The first look after connecting starts from connect's own node list.
    expect(listings(served, /^\/api\/v1\/nodes$/)).toBe(0);
    expect(listings(served, /^\/api\/v1\/namespaces$/)).toBe(1);
    expect(listings(served, /^\/apis\/policy\/v1\/poddisruptionbudgets$/)).toBe(1);
    expect(listings(served, /^\/apis\/apps\/v1\/daemonsets$/)).toBe(1);
    // The containers step (pod templates) and the deprecated-API look read these; each once.
    for (const path of ['apps/v1/deployments', 'apps/v1/statefulsets', 'batch/v1/cronjobs']) {
      expect(listings(served, new RegExp(`^/apis/${path}$`)), path).toBe(1);
    }
    // The rbac step, IMDS and the deprecated-API look read these kinds; each is listed once.
    expect(listings(served, /^\/apis\/networking\.k8s\.io\/v1\/networkpolicies$/)).toBe(1);
    for (const kind of ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']) {
      expect(
        listings(served, new RegExp(`^/apis/rbac\\.authorization\\.k8s\\.io/v1/${kind}$`)),
        kind,
      ).toBe(1);
    }
    // The rbac step: whoever creates pods may run them as any ServiceAccount there.
    expect(listings(served, /^\/api\/v1\/serviceaccounts$/)).toBe(1);
    // connect already read the cluster and its pools: the steps reuse that.
    expect(listings(served, /\/managedClusters\/[^/]+$/)).toBeLessThanOrEqual(1);
    expect(listings(served, /\/agentPools$/)).toBeLessThanOrEqual(1);
    expect(listings(served, /\/managedClusters\/[^/]+\/upgradeProfiles\/default$/)).toBe(1);
    const poolProfiles = served.filter((e) =>
      /\/agentPools\/[^/]+\/upgradeProfiles\//.test(e.path),
    );
    expect(new Set(poolProfiles.map((e) => e.path)).size).toBe(poolProfiles.length);
    expect(served.filter((e) => e.effect !== 'read')).toEqual([]);
  });

  it('shares nothing between two audits: each reads afresh', async () => {
    const before = sim.log.entries.length;
    await inspectSteps({
      connection,
      modules: STEP_MODULES,
      steps: AUDIT_STEPS.filter((s) => s.id === 'drain'),
      mode: { readOnly: true, dryRun: false, demo: false },
    });
    await inspectSteps({
      connection,
      modules: STEP_MODULES,
      steps: AUDIT_STEPS.filter((s) => s.id === 'drain'),
      mode: { readOnly: true, dryRun: false, demo: false },
    });
    expect(listings(sim.log.entries.slice(before), /^\/api\/v1\/pods$/)).toBe(2);
  });

  it('lists ServiceAccounts afresh for each audit of the rbac step, once each', async () => {
    const before = sim.log.entries.length;
    for (let i = 0; i < 2; i++)
      await inspectSteps({
        connection,
        modules: STEP_MODULES,
        steps: AUDIT_STEPS.filter((s) => s.id === 'rbac'),
        mode: { readOnly: true, dryRun: false, demo: false },
      });
    expect(listings(sim.log.entries.slice(before), /^\/api\/v1\/serviceaccounts$/)).toBe(2);
  });

  it('uses the ServiceAccounts connect listed early, listing them no second time', async () => {
    const before = sim.log.entries.length;
    const early = await connectToSim(sim, { earlyReads: (arm) => earlyReadsOf(['rbac'], arm) });
    await inspectSteps({
      connection: early,
      modules: STEP_MODULES,
      steps: AUDIT_STEPS.filter((s) => s.id === 'rbac'),
      mode: { readOnly: true, dryRun: false, demo: false },
    });
    expect(listings(sim.log.entries.slice(before), /^\/api\/v1\/serviceaccounts$/)).toBe(1);
  });
});

describe('the shared pod list', () => {
  it('keeps each running pod its pod and host address (the IMDS fix check samples them)', async () => {
    const { podsOf } = await import('../../src/kube/shared-reads.js');
    const fresh = await connectToSim(sim);
    const pods = await podsOf(fresh);
    const running = pods.filter((p) => p.status?.phase === 'Running');
    expect(running.length).toBeGreaterThan(0);
    for (const pod of running) {
      expect(pod.status?.podIP, pod.metadata?.name).toMatch(/^[0-9a-f.:]+$/);
      expect(pod.status?.hostIP, pod.metadata?.name).toMatch(/^[0-9a-f.:]+$/);
    }
  });
});
