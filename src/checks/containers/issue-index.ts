import type { PodObject } from '../../model/pods.js';
import { podIssues, type ContainerIssue } from './container-rules.js';

/**
 * Each pod's container issues, read once per pod (a page at a time while the pod list arrives)
 * and kept as one object per distinct issue: replicas of a workload repeat their pod's issues,
 * so tens of thousands of pods hold a few thousand issue objects, each with its key for telling
 * the same issue in another pod of the workload made once. Pure: only a memo of `podIssues`.
 */
export class PodIssueIndex {
  private readonly distinct = new Map<string, ContainerIssue>();
  private readonly keys = new Map<ContainerIssue, string>();
  private readonly byPod = new Map<PodObject, ContainerIssue[]>();

  /** Reads `pods`' issues now, ahead of `issuesOf`. */
  add(pods: readonly PodObject[]): void {
    for (const pod of pods) this.byPod.set(pod, this.read(pod));
  }

  /** The pod's issues in `podIssues` order; an issue equal to another pod's is the same object. */
  issuesOf(pod: PodObject): ContainerIssue[] {
    return this.byPod.get(pod) ?? this.read(pod);
  }

  /** What makes two issues of a workload one: check, container and what (not the severity). */
  sameAs(issue: ContainerIssue): string {
    return this.keys.get(issue) ?? `${issue.id}|${issue.container ?? ''}|${issue.what}`;
  }

  private read(pod: PodObject): ContainerIssue[] {
    return podIssues(pod).map((issue) => {
      const same = `${issue.id}|${issue.container ?? ''}|${issue.what}`;
      const key = `${same}|${issue.severity}`;
      const known = this.distinct.get(key);
      if (known) return known;
      this.distinct.set(key, issue);
      this.keys.set(issue, same);
      return issue;
    });
  }
}
