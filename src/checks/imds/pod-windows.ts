import { podOs } from '../containers/pod-os.js';
import type { PodObject } from '../../model/pods.js';

/** The label the kubelet sets on every node: `linux` or `windows`. */
const NODE_OS_LABEL = 'kubernetes.io/os';

/** Each node's `kubernetes.io/os` label, by node name (nodes without it left out). */
export function nodeOsByName(
  nodes: ReadonlyArray<{ metadata?: { name?: string; labels?: Record<string, string> } }>,
): Map<string, string> {
  const os = new Map<string, string>();
  for (const node of nodes) {
    const name = node.metadata?.name;
    const label = node.metadata?.labels?.[NODE_OS_LABEL];
    if (name && label) os.set(name, label);
  }
  return os;
}

/**
 * Whether a pod runs on Windows, as a policy engine meets it: its declared `spec.os.name` first
 * (the kubelet refuses a pod whose declared OS is not its node's), else the OS label of the node
 * it was scheduled to, else (not scheduled, or its node not read) where its required scheduling
 * lets it run. Pure.
 */
export function runsOnWindows(
  pod: PodObject & { spec?: { nodeName?: string } },
  nodeOs: ReadonlyMap<string, string> | undefined,
): boolean {
  const declared = pod.spec?.os?.name;
  if (declared !== undefined) return declared === 'windows';
  const node = pod.spec?.nodeName;
  const label = node !== undefined ? nodeOs?.get(node) : undefined;
  if (label !== undefined) return label === 'windows';
  return podOs(pod) !== 'linux';
}
