import type { ContainerFacts, OwnedObject, PodObject } from '../../model/pods.js';
import { ownerLinks, workloadOf, type OwnerLinks } from '../workload-owner.js';
import type { ContainerIssue } from './container-rules.js';
import type { PodIssueIndex } from './issue-index.js';
import type { Workload } from './workloads.js';

/** A workload as gathered so far: its pods, and their issues each once in the order first seen. */
export interface GatheredWorkload {
  workload: Workload;
  issues: ContainerIssue[];
}

/**
 * `groupByWorkload` and each workload's issues, gathered as the pod pages arrive instead of all
 * at once after the last one: pods that come before the owner links (ReplicaSets, Jobs) wait for
 * them. `checkContainers` takes what it gathered only for the very pods and owner objects of its
 * facts, in their order; otherwise it groups the facts itself. Pure bookkeeping.
 */
export class WorkloadFold {
  private links: { of: readonly OwnedObject[]; map: OwnerLinks } | undefined;
  private readonly waiting: PodObject[] = [];
  private readonly added: PodObject[] = [];
  private readonly groups = new Map<string, GatheredWorkload & { seen: Set<string> }>();

  /** `index` gives each pod's issues (add a page to it before this fold). */
  constructor(private readonly index: PodIssueIndex) {}

  /** The ReplicaSets and Jobs the facts will hold (this very array); the waiting pods are placed. */
  owners(intermediates: readonly OwnedObject[]): void {
    this.links = { of: intermediates, map: ownerLinks(intermediates) };
    for (const pod of this.waiting.splice(0)) this.place(pod);
  }

  /** The next pods of the list, in its order. */
  add(pods: readonly PodObject[]): void {
    for (const pod of pods) {
      this.added.push(pod);
      if (this.links) this.place(pod);
      else this.waiting.push(pod);
    }
  }

  /** The workloads in the order first seen, if gathered from exactly `facts`; else undefined. */
  of(facts: ContainerFacts): GatheredWorkload[] | undefined {
    if (this.links?.of !== facts.intermediates) return undefined;
    const { pods } = facts;
    if (this.added.length !== pods.length || this.added.some((p, i) => p !== pods[i]))
      return undefined;
    return [...this.groups.values()].map(({ workload, issues }) => ({ workload, issues }));
  }

  private place(pod: PodObject): void {
    // As groupByWorkload keys and names a workload.
    const namespace = pod.metadata?.namespace ?? '';
    const { kind, name } = workloadOf(pod, this.links!.map);
    const key = `${namespace}/${kind}/${name}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { workload: { kind, namespace, name, pods: [] }, issues: [], seen: new Set() };
      this.groups.set(key, group);
    }
    group.workload.pods.push(pod);
    // As checkContainers gathers a workload's issues: each once, in the order first seen.
    for (const issue of this.index.issuesOf(pod)) {
      const same = this.index.sameAs(issue);
      if (group.seen.has(same)) continue;
      group.seen.add(same);
      group.issues.push(issue);
    }
  }
}
