import type { PodFacts } from './facts.js';

/** Pods that share their identifying labels: how a partial finding names them. */
export interface PodGroup {
  /** The labels that identify the group (`{}` for pods without labels). */
  labels: Record<string, string>;
  pods: string[];
}

// Labels that differ pod by pod under one controller, so they do not identify a workload.
const PER_POD = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'pod-template-generation',
  'batch.kubernetes.io/controller-uid',
  'controller-uid',
  'batch.kubernetes.io/job-name',
  'job-name',
]);

/** The labels that identify a pod's workload: the stable ones, sorted. */
function identifyingLabels(labels: Record<string, string>): Record<string, string> {
  // Asked once per pod of the cluster: no pairs to sort, and no sort for a single key.
  const keys = Object.keys(labels).filter((key) => !PER_POD.has(key));
  if (keys.length > 1) keys.sort((a, b) => a.localeCompare(b));
  return Object.fromEntries(keys.map((key) => [key, labels[key]!]));
}

/** A pod's identifying labels and their text (what its group is keyed by). */
interface Identity {
  labels: Record<string, string>;
  key: string;
}

// Per labels object (a pod's own, as read): the imds step works them out as each page of pods
// arrives (`identifyPods`), so grouping after the last page only looks them up. A memo of a pure
// function: what it returns does not depend on when, or whether, it was filled.
const identities = new WeakMap<Record<string, string>, Identity>();

function identityOf(labels: Record<string, string>): Identity {
  let known = identities.get(labels);
  if (!known) {
    const identifying = identifyingLabels(labels);
    known = { labels: identifying, key: JSON.stringify(identifying) };
    identities.set(labels, known);
  }
  return known;
}

/** Works out each pod's identifying labels ahead of `podGroups` (as their page arrives). */
export function identifyPods(pods: readonly Pick<PodFacts, 'labels'>[]): void {
  for (const pod of pods) identityOf(pod.labels);
}

/** Groups pods by identifying labels, in the order first seen. */
export function podGroups(pods: readonly PodFacts[]): PodGroup[] {
  const groups = new Map<string, PodGroup>();
  for (const pod of pods) {
    const { labels, key } = identityOf(pod.labels);
    let group = groups.get(key);
    if (!group) {
      // A copy per group: the memo's object is shared by every group of every namespace.
      group = { labels: { ...labels }, pods: [] };
      groups.set(key, group);
    }
    group.pods.push(pod.name);
  }
  return [...groups.values()];
}

/** `app=cart (2 pods)` or `(no labels) (1 pod)`. */
export function describeGroup(group: PodGroup): string {
  const labels = Object.entries(group.labels).map(([k, v]) => `${k}=${v}`);
  const n = group.pods.length;
  return `${labels.length > 0 ? labels.join(',') : '(no labels)'} (${n} pod${n === 1 ? '' : 's'})`;
}
