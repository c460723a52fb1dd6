import type { KubeObject } from '../contracts.js';
import {
  drainFailureMessage,
  drainNode,
  OperationFailure,
  type DrainBlock,
  type DrainContext,
} from './drain.js';
import { makeNode, nodeName, poolOfNode } from './nodes.js';
import type { ClusterState, PoolState } from './state.js';

/** What every node of the pool should run after the roll. */
export interface RollTarget {
  kubelet: string;
  image: string;
}

/** Roll context: drain context plus the cluster and a progress callback (0..1 within this roll). */
export interface RollContext extends DrainContext {
  cluster: ClusterState;
  progress(share: number): void;
}

/** Simulated durations of VM work (ms): provisioning a node, reimaging one. */
export const NODE_PROVISION_MS = 90_000;
export const NODE_REIMAGE_MS = 60_000;

/** Nodes given as a count or a percentage of the pool (rounded up); 0 when zero or unreadable. */
function nodesOf(value: string | number, count: number): number {
  const raw = String(value);
  // Multiply first: (55 / 100) * 100 is 55.00000000000001, which would round up to 56.
  const n = raw.endsWith('%') ? Math.ceil((Number(raw.slice(0, -1)) * count) / 100) : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** Surge nodes AKS adds for a pool's upgrade (maxSurge, default 10%); 0 means in place. */
export function surgeCount(maxSurge: string | number | undefined, count: number): number {
  // A share of a small pool still surges one node; only an explicit 0 surges none.
  const n = nodesOf(maxSurge ?? '10%', count);
  return n > 0 || String(maxSurge ?? '').trim() === '0' ? n : 1;
}

/**
 * Old nodes drained at once: the surge nodes' count, or with maxSurge 0 maxUnavailable nodes
 * upgraded in place (AKS refuses both at 0; one at a time stands in for that).
 */
export function batchCount(
  settings: { maxSurge?: string | number; maxUnavailable?: string | number },
  count: number,
): number {
  const surge = surgeCount(settings.maxSurge, count);
  return surge > 0 ? surge : Math.max(1, nodesOf(settings.maxUnavailable ?? 0, count));
}

/** Whether a node already runs the target version and image. */
export function isAtTarget(node: KubeObject, target: RollTarget): boolean {
  const info = (node['status'] as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo;
  return (
    info?.kubeletVersion === `v${target.kubelet}` &&
    node.metadata.labels?.['kubernetes.azure.com/node-image-version'] === target.image
  );
}

function instanceOf(name: string): number {
  return parseInt(name.slice(-6), 36);
}

/**
 * AKS's rolling upgrade of one pool: add surge nodes (none with maxSurge 0: in place), cordon
 * and drain old nodes batch by batch, reimage each drained node, then remove the surge nodes. A node that cannot be drained
 * fails the operation (`UpgradeFailed`), or with `undrainableNodeBehavior: Cordon` is quarantined.
 */
export async function rollPool(
  ctx: RollContext,
  pool: PoolState,
  target: RollTarget,
): Promise<void> {
  const { kube, clock, cluster } = ctx;
  const stale = kube
    .listNodes()
    .filter((n) => poolOfNode(n) === pool.name && !isAtTarget(n, target) && !isQuarantined(n));
  if (stale.length === 0) return;
  const settings = pool.upgradeSettings ?? {};
  const surgeNodes = Math.min(surgeCount(settings.maxSurge, pool.count), stale.length);
  const batchSize = Math.min(batchCount(settings, pool.count), stale.length);
  const drainTimeout = settings.drainTimeoutInMinutes ?? 30;
  // ARM enum values match whatever their case, as the app reads them.
  const cordonBlocked = settings.undrainableNodeBehavior?.toLowerCase() === 'cordon';
  const steps = stale.length + 2;
  let done = 0;
  const surge: string[] = [];
  for (let i = 0; i < surgeNodes; i++) {
    ctx.checkCancel();
    await clock.sleep(NODE_PROVISION_MS / surgeNodes);
    const node = makeNode(cluster, pool, pool.nextInstance++, target, clock.iso());
    kube.putNode(node);
    surge.push(node.metadata.name);
  }
  ctx.progress(++done / steps);
  const quarantined: DrainBlock[] = [];
  try {
    for (let i = 0; i < stale.length; i += batchSize) {
      const batch = stale.slice(i, i + batchSize).map((n) => n.metadata.name);
      const blocks = await Promise.all(batch.map((name) => drainNode(ctx, name, drainTimeout)));
      for (const [j, name] of batch.entries()) {
        const block = blocks[j];
        if (block && !cordonBlocked) {
          // Schedule: blocked (and not yet reimaged) nodes of the batch become schedulable again.
          for (const other of batch.slice(j)) kube.setUnschedulable(other, false);
          throw new OperationFailure('UpgradeFailed', drainFailureMessage(block));
        }
        if (block) {
          kube.setNodeLabels(name, { 'kubernetes.azure.com/upgrade-status': 'Quarantined' });
          quarantined.push(block);
          continue;
        }
        if (settings.nodeSoakDurationInMinutes)
          await clock.sleep(settings.nodeSoakDurationInMinutes * 60_000);
        ctx.checkCancel();
        kube.deleteNode(name);
        await clock.sleep(NODE_REIMAGE_MS);
        kube.putNode(makeNode(cluster, pool, instanceOf(name), target, clock.iso()));
        ctx.progress(++done / steps);
      }
    }
  } finally {
    // Cordon keeps one surge node per quarantined node; everything else surged goes away.
    const keep = cordonBlocked ? quarantined.length : 0;
    for (const name of surge.slice(keep)) {
      kube.setUnschedulable(name, true);
      await drainNode({ ...ctx, checkCancel: () => undefined }, name, 1);
      kube.deleteNode(name);
    }
  }
  ctx.progress(1);
  const first = quarantined[0];
  if (first) throw new OperationFailure('UpgradeFailed', drainFailureMessage(first));
}

function isQuarantined(node: KubeObject): boolean {
  return node.metadata.labels?.['kubernetes.azure.com/upgrade-status'] === 'Quarantined';
}

/** Creates the pool's nodes at start, applying the scenario's per-node extras. */
export function initialNodes(
  cluster: ClusterState,
  pool: PoolState,
  overrides: Array<{
    index: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    unschedulable?: boolean;
    ready?: boolean;
  }>,
  createdAt: string,
): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < pool.count; i++) {
    const node = makeNode(
      cluster,
      pool,
      i,
      { kubelet: pool.currentOrchestratorVersion, image: pool.nodeImageVersion },
      createdAt,
    );
    const extra = overrides.find((o) => o.index === i);
    if (extra) applyOverride(node, extra);
    out.push(node);
  }
  return out;
}

function applyOverride(
  node: KubeObject,
  o: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    unschedulable?: boolean;
    ready?: boolean;
  },
): void {
  node.metadata.labels = { ...node.metadata.labels, ...o.labels };
  node.metadata.annotations = { ...node.metadata.annotations, ...o.annotations };
  if (o.unschedulable) {
    node['spec'] = {
      ...(node['spec'] as object),
      unschedulable: true,
      taints: [
        {
          key: 'node.kubernetes.io/unschedulable',
          effect: 'NoSchedule',
          timeAdded: node.metadata.creationTimestamp,
        },
      ],
    };
  }
  if (o.ready === false) {
    const status = node['status'] as { conditions: Array<Record<string, string>> };
    const ready = status.conditions.find((c) => c['type'] === 'Ready');
    if (ready)
      Object.assign(ready, {
        status: 'False',
        reason: 'KubeletNotReady',
        message: 'container runtime is down',
      });
  }
}

export { nodeName };
