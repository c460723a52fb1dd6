// AKS gives each node drainTimeoutInMinutes (30 by default) and fails the upgrade when pods are still
// there after it; a pod whose terminationGracePeriodSeconds is longer than that cannot be gone in
// time. AKS API reference, UndrainableNodeBehavior: "The most common cause of undrainable nodes is
// Pod Disruption Budgets (PDBs), but other issues, such as pod termination grace period is
// exceeding the remaining per-node drain timeout ... can also cause undrainable nodes"; rolling
// upgrade article, "Customize node drain timeout": "If the drain timeout value elapses and pods are
// still running, the upgrade operation stops" (tip: set terminationGracePeriodSeconds for it).
// The node image question, which predicts what will hold up its drains, says "No
// PodDisruptionBudget is predicted to block draining this pool" and nothing of a pod that takes two
// hours to stop on a pool that allows 30 minutes.
import { afterEach, describe, expect, it } from 'vitest';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import { rig, until, type StepRig } from './step-harness.js';

let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('a pod whose grace period outlasts the pool drain timeout', () => {
  it('is named before a node image upgrade that drains its node', async () => {
    r = await rig(
      'minimal',
      2000,
      'node-image',
      makeNodeImageStep({ updateIntervalInMs: 5, nodePollMs: 5 }),
    );
    r.sim.kube.load([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { namespace: 'default', name: 'batch-writer' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'batch-writer' } },
          template: {
            metadata: { labels: { app: 'batch-writer' } },
            spec: {
              terminationGracePeriodSeconds: 7200,
              containers: [{ name: 'w', image: 'mcr.microsoft.com/azurelinux/base/core:3.0' }],
            },
          },
        },
      },
    ]);
    await until(
      () =>
        r!.sim.kube
          .listNodes()
          .some((n) =>
            r!.sim.kube
              .podsOnNode(n.metadata.name)
              .some((p) => p.metadata.name.startsWith('batch-writer')),
          ),
      'the batch-writer pod on a node',
    );
    await r.host.open('node-image');
    const sent = r.host.send('node-image', { type: 'action', key: '1' });
    const question = await until(() => r!.store.getState().confirmation, 'the confirmation');
    r.store.answer(false);
    await sent;
    const said = (question.details ?? []).join('\n');
    // Correct: the pod and its grace period beyond AKS's 30-minute drain timeout are named.
    expect(said).toMatch(/batch-writer/);
  }, 60_000);
});
