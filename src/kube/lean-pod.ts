import type {
  V1Container,
  V1NodeAffinity,
  V1ObjectMeta,
  V1OwnerReference,
  V1Pod,
  V1PodCondition,
  V1PodSpec,
  V1PodStatus,
  V1Volume,
} from '@kubernetes/client-node';
import type { HostHandler } from '../model/pods.js';
import type { ItemShape } from './list-items.js';

/**
 * A volume as the checks read it: its name, hostPath and emptyDir, and which other source it uses,
 * that source's body dropped (`{}`): the restricted standard judges a volume by its source alone.
 */
export type LeanVolume = Pick<V1Volume, 'name' | 'hostPath' | 'emptyDir'> &
  Partial<Record<Exclude<keyof V1Volume, 'name' | 'hostPath' | 'emptyDir'>, object>>;

/** A probe or lifecycle handler cut to the host it connects to (kept only when one is set). */
type LeanHandler = HostHandler;

/**
 * A container as the checks read it: its name, securityContext and declared ports, and its probes
 * and lifecycle handlers only when they name a host (cut to that host).
 */
export type LeanContainer = Pick<V1Container, 'name' | 'securityContext' | 'ports'> & {
  livenessProbe?: LeanHandler;
  readinessProbe?: LeanHandler;
  startupProbe?: LeanHandler;
  lifecycle?: { postStart?: LeanHandler; preStop?: LeanHandler };
};

/**
 * A pod of the shared pod list: only the fields some step reads (containers, drain, IMDS). Drain
 * and IMDS take this type, so reading another field does not compile; the container checks take
 * `PodObject`, whose fields are all optional, so test/kube/lean-pod.test.ts checks at compile time
 * that every one of them is kept here. For 30,000 pods this is about half the memory of the pod as the API sends it.
 */
export interface LeanPod {
  metadata?: Pick<
    V1ObjectMeta,
    'name' | 'namespace' | 'uid' | 'labels' | 'annotations' | 'deletionTimestamp'
  > & { ownerReferences?: Array<Pick<V1OwnerReference, 'kind' | 'name' | 'uid' | 'controller'>> };
  spec?: Pick<
    V1PodSpec,
    | 'nodeName'
    | 'hostNetwork'
    | 'hostPID'
    | 'hostIPC'
    | 'hostUsers'
    | 'securityContext'
    | 'os'
    | 'nodeSelector'
    | 'terminationGracePeriodSeconds'
  > & {
    containers: LeanContainer[];
    initContainers?: LeanContainer[];
    ephemeralContainers?: LeanContainer[];
    volumes?: LeanVolume[];
    /** The required node affinity only: with nodeSelector, it tells a Windows pod's nodes. */
    affinity?: {
      nodeAffinity?: Pick<V1NodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution'>;
    };
  };
  status?: Pick<V1PodStatus, 'phase' | 'reason' | 'message' | 'podIP' | 'podIPs' | 'hostIP'> & {
    /** The Ready condition only. */
    conditions?: Array<Pick<V1PodCondition, 'type' | 'status'>>;
  };
}

/** Copies of only the given keys that are present (absent stays absent, not `undefined`). */
function only<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const kept = {} as Pick<T, K>;
  for (const key of keys) if (from[key] !== undefined) kept[key] = from[key];
  return kept;
}

const META = ['name', 'namespace', 'uid', 'labels', 'annotations', 'deletionTimestamp'] as const;
const SPEC = [
  'nodeName',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'hostUsers',
  'securityContext',
  'os',
  'nodeSelector',
  'terminationGracePeriodSeconds',
] as const;
const STATUS = ['phase', 'reason', 'message', 'podIP', 'podIPs', 'hostIP'] as const;
const CONTAINER = ['name', 'securityContext', 'ports'] as const;
const OWNER = ['kind', 'name', 'uid', 'controller'] as const;
const CONDITION = ['type', 'status'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** Each of `keys`, kept whole. */
const whole = (keys: readonly string[]): ItemShape =>
  Object.fromEntries(keys.map((key) => [key, true] as const));

/** What `hostOnly` reads of a handler. */
const HANDLER_SHAPE: ItemShape = { httpGet: { host: true }, tcpSocket: { host: true } };
const CONTAINER_SHAPE: ItemShape = {
  ...whole(CONTAINER),
  ...Object.fromEntries(PROBES.map((key) => [key, HANDLER_SHAPE] as const)),
  lifecycle: { postStart: HANDLER_SHAPE, preStop: HANDLER_SHAPE },
};

/**
 * Every field of a pod on the wire that `leanPod` reads, as the list reader's shape: the rest is
 * left out before a pod is parsed (on a large cluster, most of each pod's bytes). A field `leanPod`
 * reads must be here too; test/kube/lean-pod.test.ts checks that a pod read through this shape
 * comes out of `leanPod` the same.
 */
export const LEAN_POD_SHAPE: ItemShape = {
  metadata: { ...whole(META), ownerReferences: whole(OWNER) },
  spec: {
    ...whole(SPEC),
    containers: CONTAINER_SHAPE,
    initContainers: CONTAINER_SHAPE,
    ephemeralContainers: CONTAINER_SHAPE,
    volumes: true,
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: true } },
  },
  status: { ...whole(STATUS), conditions: whole(CONDITION) },
};

/** The handler's HTTP and TCP host, when either is set; undefined otherwise. */
function hostOnly(
  handler: { httpGet?: { host?: string }; tcpSocket?: { host?: string } } | undefined,
): LeanHandler | undefined {
  const http = handler?.httpGet?.host;
  const tcp = handler?.tcpSocket?.host;
  if (!http && !tcp) return undefined;
  return {
    ...(http ? { httpGet: { host: http } } : {}),
    ...(tcp ? { tcpSocket: { host: tcp } } : {}),
  };
}

function container(c: V1Container): LeanContainer {
  const lean: LeanContainer = only(c, CONTAINER);
  for (const key of PROBES) {
    const kept = hostOnly(c[key]);
    if (kept) lean[key] = kept;
  }
  const postStart = hostOnly(c.lifecycle?.postStart);
  const preStop = hostOnly(c.lifecycle?.preStop);
  if (postStart || preStop)
    lean.lifecycle = { ...(postStart ? { postStart } : {}), ...(preStop ? { preStop } : {}) };
  return lean;
}

function containers(list: V1Container[] | undefined): LeanContainer[] | undefined {
  return list?.map(container);
}

/** The volume cut down to `LeanVolume`: any source other than hostPath and emptyDir as `{}`. */
function leanVolume(volume: V1Volume): LeanVolume {
  const lean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(volume)) {
    if (value === undefined) continue;
    lean[key] = key === 'name' || key === 'hostPath' || key === 'emptyDir' ? value : {};
  }
  return lean as LeanVolume;
}

/** The pod cut down to `LeanPod` (new objects for the parts it drops fields of). */
export function leanPod(pod: V1Pod): LeanPod {
  const lean: LeanPod = {};
  const meta = pod.metadata;
  if (meta) {
    lean.metadata = only(meta, META);
    if (meta.ownerReferences) {
      lean.metadata.ownerReferences = meta.ownerReferences.map((o) => only(o, OWNER));
    }
  }
  const spec = pod.spec;
  if (spec) {
    lean.spec = { ...only(spec, SPEC), containers: containers(spec.containers) ?? [] };
    const init = containers(spec.initContainers);
    if (init) lean.spec.initContainers = init;
    const ephemeral = containers(spec.ephemeralContainers);
    if (ephemeral) lean.spec.ephemeralContainers = ephemeral;
    if (spec.volumes) lean.spec.volumes = spec.volumes.map(leanVolume);
    const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (required)
      lean.spec.affinity = {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required },
      };
  }
  const status = pod.status;
  if (status) {
    lean.status = only(status, STATUS);
    const ready = status.conditions?.filter((c) => c.type === 'Ready');
    if (ready) lean.status.conditions = ready.map((c) => only(c, CONDITION));
  }
  return lean;
}
