// The workloads a PDB covers, read over the wire from the simulator: owners are followed by uid
// (pod -> ReplicaSet -> Deployment), never guessed from names.
import { afterEach, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { readPdbFacts } from '../../src/steps/upgrades/pdb-facts.js';
import { preflightFindings } from '../../src/checks/versions/preflight.js';
import { connectToSim, wireMode } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

it('names the Deployment and the StatefulSet behind the demo cluster PDBs', async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
  const connection = await connectToSim(sim, { mode: wireMode({ readOnly: true }) });
  const pdbs = await readPdbFacts(connection.kc);
  const workloads = Object.fromEntries(pdbs.map((p) => [`${p.namespace}/${p.name}`, p.workloads]));
  expect(workloads['shop/storefront']).toEqual(['Deployment/storefront']);
  expect(workloads['payments/orders-db']).toEqual(['StatefulSet/orders-db']);
});

it('counts no finished pod (Succeeded, Failed) as able to hold a drain up', async () => {
  // The eviction API deletes Succeeded and Failed pods without asking their budgets
  // (canIgnorePDB), so the upgrade preflight must not put them in a batch.
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
  const node = sim.kube.listNodes()[0]!.metadata.name;
  const pod = (name: string, phase: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: 'default', name, labels: { app: 'batch' } },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'busybox' }] },
    status: {
      phase,
      conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False' }],
    },
  });
  sim.kube.load([
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { namespace: 'default', name: 'batch' },
      // Unhealthy (1 Ready of 2 wanted): its unready pods do not go free under IfHealthyBudget.
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'batch' } } },
    },
    pod('batch-done', 'Succeeded'),
    pod('batch-failed', 'Failed'),
    pod('batch-running', 'Running'),
  ]);
  const connection = await connectToSim(sim, { mode: wireMode({ readOnly: true }) });
  const batch = (await readPdbFacts(connection.kc)).find((p) => p.name === 'batch');
  // Only the running, Ready pod is counted.
  expect(batch?.podNodes).toEqual([node]);
});

it('counts no DaemonSet or mirror pod, and names the pods two budgets select', async () => {
  // A drain leaves DaemonSet and mirror pods in place, so their budgets never meet them; a pod
  // under two budgets is refused by the eviction API (HTTP 500) whatever they allow.
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
  const node = sim.kube.listNodes()[0]!.metadata.name;
  const pod = (name: string, labels: Record<string, string>, metadata: object = {}) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: 'default', name, labels, ...metadata },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'busybox' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  });
  const budget = (name: string, matchLabels: Record<string, string>) => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { namespace: 'default', name },
    spec: { maxUnavailable: 1, selector: { matchLabels } },
  });
  const owner = (kind: string, name: string) => ({
    ownerReferences: [{ apiVersion: 'apps/v1', kind, name, uid: `${name}-uid`, controller: true }],
  });
  sim.kube.load([
    budget('agents', { app: 'agent' }),
    budget('web', { app: 'web' }),
    budget('web-canary', { track: 'canary' }),
    pod('agent-x', { app: 'agent' }, owner('DaemonSet', 'agent')),
    pod('static-x', { app: 'agent' }, { annotations: { 'kubernetes.io/config.mirror': 'x' } }),
    pod('web-1', { app: 'web' }, owner('ReplicaSet', 'web-1234')),
    pod('web-2', { app: 'web', track: 'canary' }, owner('ReplicaSet', 'web-1234')),
  ]);
  const connection = await connectToSim(sim, { mode: wireMode({ readOnly: true }) });
  const facts = await readPdbFacts(connection.kc);
  const of = (name: string) => facts.find((p) => p.name === name);
  expect(of('agents')?.podNodes).toEqual([]);
  expect(of('web')?.podNodes).toEqual([node]);
  const shared = [{ pod: 'default/web-2', node, pdbs: ['web', 'web-canary'] }];
  expect(of('web')?.sharedPods).toEqual(shared);
  expect(of('web-canary')).toMatchObject({ podNodes: [], sharedPods: shared });
  const found = preflightFindings({
    pools: [],
    clusterState: 'Succeeded',
    pdbs: facts,
    nodePools: { [node]: 'nodepool1' },
    notReady: [],
    removedApis: [],
  }).filter((f) => f.message.includes('default/web-2'));
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ id: 'versions.pdb-blocks-drain', severity: 'high' });
});
