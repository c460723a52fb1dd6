// Kubernetes resource quantities (`500m`, `1.5`, `64Mi`, `1G`, `2e3`) as numbers, and a pod's QoS
// class from its containers' requests and limits (the kubelet's GetPodQOS).
import type { KubeObject } from '../contracts.js';
import { arr, isRecord, specOf } from './types.js';

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A quantity's value (cores for CPU, bytes for memory), or undefined when it is not one. */
export function quantityValue(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(
    q,
  );
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return base * SUFFIX[m[3] ?? '']!;
}

const QOS_RESOURCES = ['cpu', 'memory'];

/** `Guaranteed`, `Burstable` or `BestEffort`, from CPU and memory requests and limits. */
export function qosClassOf(pod: KubeObject): string {
  const spec = specOf(pod);
  const containers = [...arr(spec['containers']), ...arr(spec['initContainers'])].filter(isRecord);
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const resources = isRecord(c['resources']) ? c['resources'] : {};
    const requests = isRecord(resources['requests']) ? resources['requests'] : {};
    const limits = isRecord(resources['limits']) ? resources['limits'] : {};
    for (const r of QOS_RESOURCES) {
      const request = quantityValue(requests[r]);
      const limit = quantityValue(limits[r]);
      if ((request ?? 0) > 0 || (limit ?? 0) > 0) any = true;
      // An unset request defaults to the limit.
      if (limit === undefined || (request !== undefined && request !== limit)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
