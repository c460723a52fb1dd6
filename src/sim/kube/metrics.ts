// metrics.k8s.io/v1beta1, as AKS's metrics-server serves it (`kubectl top`): the usage of each
// running pod's containers, and of each node (its pods plus what the system takes). A pod says its
// usage with the annotation `aks-runbook.sim/usage: "cpu=250m,memory=300Mi"` (per container:
// `<container>.cpu=...`); otherwise it uses a steady share of its requests, or a small default.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../contracts.js';
import type { SimRequest, SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import { isPodReady, nodeNameOf } from './pod-status.js';
import { quantityValue } from './quantity.js';
import type { Target } from './request.js';
import { R } from './resources.js';
import { matchesLabels } from './selectors.js';
import { notFound } from './status.js';
import { selectorsOf } from './read.js';
import { arr, isRecord, pathGet, specOf, statusOf, text } from './types.js';

export const USAGE_ANNOTATION = 'aks-runbook.sim/usage';
const API = 'metrics.k8s.io/v1beta1';
/** What the kubelet, runtime and system daemons take on a node beyond the pods. */
const SYSTEM = { cpu: 0.08, memory: 900 * 2 ** 20 };

type Usage = { cpu: number; memory: number };

/** A stable number in [0, 1) from a name, so a pod's usage does not jump between reads. */
function jitter(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) / 2 ** 32;
}

function fromAnnotation(pod: KubeObject, container: string): Partial<Usage> {
  const out: Partial<Usage> = {};
  for (const part of text(pod.metadata.annotations?.[USAGE_ANNOTATION]).split(',')) {
    const [k = '', v = ''] = part.split('=').map((x) => x.trim());
    const [who, what] = k.includes('.') ? k.split('.') : [undefined, k];
    if (who !== undefined && who !== container) continue;
    const value = quantityValue(v);
    if (value !== undefined && (what === 'cpu' || what === 'memory')) out[what] = value;
  }
  return out;
}

function containerUsage(pod: KubeObject, c: Record<string, unknown>): Usage {
  const name = text(c['name']);
  const requests = pathGet(c, ['resources', 'requests']);
  const share = 0.35 + 0.4 * jitter(`${pod.metadata.uid ?? ''}/${name}`);
  const req = (k: string): number | undefined =>
    isRecord(requests) ? quantityValue(requests[k]) : undefined;
  const given = fromAnnotation(pod, name);
  return {
    cpu: given.cpu ?? (req('cpu') ?? 0.01) * share,
    memory: given.memory ?? (req('memory') ?? 48 * 2 ** 20) * share,
  };
}

const cpuText = (cores: number): string => `${Math.max(0, Math.round(cores * 1e9))}n`;
const memText = (bytes: number): string => `${Math.max(0, Math.round(bytes / 1024))}Ki`;

function running(ctx: KubeContext): KubeObject[] {
  return ctx.store.list(R.pods).filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp);
}

function podMetrics(ctx: KubeContext, pod: KubeObject): Record<string, unknown> {
  return {
    kind: 'PodMetrics',
    apiVersion: API,
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: ctx.clock.iso(),
      ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
    },
    timestamp: ctx.clock.iso(),
    window: '15.008s',
    containers: arr(specOf(pod)['containers'])
      .filter(isRecord)
      .map((c) => {
        const u = containerUsage(pod, c);
        return { name: text(c['name']), usage: { cpu: cpuText(u.cpu), memory: memText(u.memory) } };
      }),
  };
}

function nodeMetrics(
  ctx: KubeContext,
  node: KubeObject,
  pods: KubeObject[],
): Record<string, unknown> {
  const usage = { ...SYSTEM };
  for (const pod of pods.filter((p) => nodeNameOf(p) === node.metadata.name))
    for (const c of arr(specOf(pod)['containers']).filter(isRecord)) {
      const u = containerUsage(pod, c);
      usage.cpu += u.cpu;
      usage.memory += u.memory;
    }
  return {
    kind: 'NodeMetrics',
    apiVersion: API,
    metadata: {
      name: node.metadata.name,
      creationTimestamp: ctx.clock.iso(),
      ...(node.metadata.labels ? { labels: node.metadata.labels } : {}),
    },
    timestamp: ctx.clock.iso(),
    window: '20.05s',
    usage: { cpu: cpuText(usage.cpu), memory: memText(usage.memory) },
  };
}

/** GET of metrics.k8s.io nodes and pods, one or a list (with label selectors). */
export function metricsResponse(ctx: KubeContext, req: SimRequest, target: Target): SimResponse {
  const pods = running(ctx);
  const sel = selectorsOf(req, target.t.kind);
  if (target.t.resource === 'nodes') {
    const nodes = ctx.store.list(R.nodes).filter((n) => statusOf(n)['conditions'] !== undefined);
    if (target.name) {
      const node = nodes.find((n) => n.metadata.name === target.name);
      if (!node) throw notFound(target.t, target.name);
      return { status: 200, body: nodeMetrics(ctx, node, pods) };
    }
    const items = nodes
      .filter((n) => matchesLabels(sel.labels, n.metadata.labels))
      .map((n) => nodeMetrics(ctx, n, pods));
    return { status: 200, body: { kind: 'NodeMetricsList', apiVersion: API, metadata: {}, items } };
  }
  const mine = pods.filter((p) => !target.namespace || p.metadata.namespace === target.namespace);
  if (target.name) {
    const pod = mine.find((p) => p.metadata.name === target.name);
    if (!pod) throw notFound(target.t, target.name);
    return { status: 200, body: podMetrics(ctx, pod) };
  }
  const items = mine
    .filter((p) => matchesLabels(sel.labels, p.metadata.labels))
    .map((p) => podMetrics(ctx, p));
  return { status: 200, body: { kind: 'PodMetricsList', apiVersion: API, metadata: {}, items } };
}
