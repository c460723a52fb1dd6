// The rotation board shows, for each cordoned node, the pods AKS's drain still has to move and the
// budgets holding them. AKS's drain leaves a DaemonSet's pods in place, but a pod whose DaemonSet
// was deleted is evicted like any other (kubectl drain's filter: the DaemonSet is read, and only a
// missing one lets the pod go, with force): it keeps the node from draining, and a budget can hold
// it. Left out, the node read "drained" while AKS waited on it, and the budget was never named.
import { CoreV1Api, PolicyV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setNodeUnschedulable } from '../../src/kube/cordon.js';
import { listPoolNodes } from '../../src/kube/pool-nodes.js';
import type { Connection } from '../../src/model/connection.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { snapshotPool } from '../../src/steps/rotation/snapshot.js';
import { connectToSim } from '../helpers/sim-session.js';

let sim: Simulator;
let connection: Connection;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 1000 });
  connection = await connectToSim(sim);
});
afterAll(async () => {
  await sim.close();
});

describe('the rotation snapshot of a cordoned node', () => {
  it('counts and names a pod whose DaemonSet is gone, and the budget holding it', async () => {
    const { kc } = connection;
    const node = (await listPoolNodes(kc, 'apps'))[0]!.metadata!.name!;
    await setNodeUnschedulable(kc, node, true);
    const before = (await snapshotPool(kc, 'apps')).find((n) => n.name === node)!;
    expect(before.unschedulable).toBe(true);

    await kc.makeApiClient(CoreV1Api).createNamespacedPod({
      namespace: 'monitoring',
      body: {
        metadata: {
          name: 'retired-agent-x7k2p',
          labels: { app: 'retired-agent' },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'DaemonSet',
              name: 'retired-agent',
              uid: '6f1c2a9e-0d4b-4c8e-9a73-5b2e8d1f0c44',
              controller: true,
            },
          ],
        },
        spec: { nodeName: node, containers: [{ name: 'agent', image: 'agent:1' }] },
      },
    });
    await kc.makeApiClient(PolicyV1Api).createNamespacedPodDisruptionBudget({
      namespace: 'monitoring',
      body: {
        metadata: { name: 'retired-agent' },
        spec: { minAvailable: 1, selector: { matchLabels: { app: 'retired-agent' } } },
      },
    });

    const after = (await snapshotPool(kc, 'apps')).find((n) => n.name === node)!;
    expect(after.podsLeft).toBe((before.podsLeft ?? 0) + 1);
    expect(after.blockedBy).toContain('monitoring/retired-agent');
  });

  it('still leaves out the pods of a DaemonSet that exists', async () => {
    const { kc } = connection;
    const node = (await listPoolNodes(kc, 'apps'))[1]!.metadata!.name!;
    await setNodeUnschedulable(kc, node, true);
    const pods = await kc
      .makeApiClient(CoreV1Api)
      .listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` });
    const daemonSetPods = pods.items.filter((p) =>
      p.metadata?.ownerReferences?.some((o) => o.kind === 'DaemonSet' && o.controller),
    );
    expect(daemonSetPods.length).toBeGreaterThan(0);
    const snap = (await snapshotPool(kc, 'apps')).find((n) => n.name === node)!;
    const running = pods.items.filter(
      (p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
    expect(snap.podsLeft).toBe(
      running.filter(
        (p) =>
          !daemonSetPods.includes(p) && !p.metadata?.annotations?.['kubernetes.io/config.mirror'],
      ).length,
    );
  });
});
