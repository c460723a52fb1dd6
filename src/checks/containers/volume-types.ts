import type { PodObject } from '../../model/pods.js';
import type { RuleIssue } from './pod-rules.js';

// Pod Security Standards, restricted, "Volume Types": a pod may use only these inline volume
// sources. `image` joined them in Kubernetes 1.33 (kubernetes/kubernetes#130394: an image volume is
// no more than running that image). Anything else (nfs, azureFile, azureDisk, iscsi, gitRepo, a
// source this list does not know) breaks restricted. hostPath breaks baseline already and is the
// containers.host-path finding, so it is not said twice.
const RESTRICTED_SOURCES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
  'image',
]);

// gitRepo clones on the node, as the kubelet, with the pod's hooks (CVE-2024-10220: commands run
// on the node); deprecated and off by default since 1.33. The other sources are storage the pod
// reaches without a PersistentVolume an administrator made: restricted-only, low like the others.
const NODE_RUN_SOURCES = new Set(['gitRepo']);

/** The volume source keys of a volume (`nfs`, `configMap`, ...): every key but its name. */
function sources(volume: Record<string, unknown>): string[] {
  return Object.keys(volume).filter((k) => k !== 'name' && volume[k] !== undefined);
}

/**
 * The pod's volumes whose source the restricted standard does not allow (hostPath aside): one
 * issue per volume, naming it and its source; a volume with no known source is `unknown`.
 */
export function volumeTypeIssues(pod: PodObject): RuleIssue[] {
  const out: RuleIssue[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    const kinds = sources(volume);
    if (kinds.includes('hostPath') || kinds.some((k) => RESTRICTED_SOURCES.has(k))) continue;
    const kind = kinds[0] ?? 'unknown';
    out.push({
      id: 'containers.volume-type',
      severity: NODE_RUN_SOURCES.has(kind) ? 'medium' : 'low',
      what: `volume ${volume.name} (${kind})`,
    });
  }
  return out;
}
