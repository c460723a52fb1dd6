import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { containersStep } from '../../src/steps/containers/index.js';
import { stepSession } from './security-step-session.js';
import { viewText } from '../../src/steps/contract/view.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
});
afterAll(async () => {
  await sim.close();
});

describe('containers step on the demo cluster', () => {
  it('finds the privileged log shipper by Deployment, reports kured (kube-system, not AKS) too, sends no write', async () => {
    const before = sim.log.entries.length;
    const { host, view, store } = await stepSession(sim, 'containers', containersStep, {
      readOnly: true,
    });
    await host.open('containers');
    const findings = view().findings ?? [];
    const privileged = findings.filter((f) => f.id === 'containers.privileged');
    expect(privileged.map((f) => f.object)).toEqual([
      { kind: 'DaemonSet', namespace: 'kube-system', name: 'kured' },
      { kind: 'Deployment', namespace: 'monitoring', name: 'log-shipper' },
    ]);
    expect(privileged.every((f) => f.severity === 'high')).toBe(true);
    // One finding per workload and check, not per pod: storefront has 3 replicas.
    const storefront = findings.filter((f) => f.object?.name === 'storefront');
    expect(new Set(storefront.map((f) => f.id)).size).toBe(storefront.length);
    // kured is the operator's (no AKS label on its pods): kube-system exempts nothing by name, so
    // it is reported like any workload and never called AKS-managed.
    expect(
      findings
        .filter((f) => f.object?.name === 'kured')
        .map((f) => f.id)
        .sort(),
    ).toEqual([
      'containers.host-namespace',
      'containers.privileged',
      'containers.root',
      'containers.seccomp',
    ]);
    const summary = view().summary?.join('\n') ?? '';
    expect(summary).not.toMatch(/AKS-managed/);
    expect(viewText(view().plan ?? [])).toMatch(
      /Deployment monitoring\/log-shipper[\s\S]*privileged: false/,
    );
    // Only the export is offered, read-only included: it writes a local file, not the cluster.
    expect(view().actions?.map((a) => a.key)).toEqual(['e']);
    expect(store.getState().steps.containers).toMatchObject({ kind: 'findings' });
    expect(sim.log.entries.slice(before).filter((e) => e.effect !== 'read')).toEqual([]);
  });
});
