import type { DataPlane } from './dataplane.js';
import type { PolicyFacts } from './model.js';
import { isolatesIngress } from './policy-types.js';
import { Reachability, type PolicyWorld } from './reach.js';
import type { EgressSample, SampledDestination } from './sample.js';

/** One connection whose answer differs between two worlds. */
export interface ReachDifference {
  plane: DataPlane['name'];
  source: string;
  destination: SampledDestination;
  protocol: string;
  port: number;
}

/** What a change does to egress over a sample: what it opens and what it closes. */
export interface EgressComparison {
  added: ReachDifference[];
  removed: ReachDifference[];
  /** How many questions were asked (sources × destinations × connections × planes). */
  asked: number;
}

/** Compares egress reachability before and after a change, on every given data plane. */
export function compareEgress(
  before: PolicyWorld,
  after: PolicyWorld,
  sample: EgressSample,
  planes: readonly DataPlane[],
): EgressComparison {
  const added: ReachDifference[] = [];
  const removed: ReachDifference[] = [];
  let asked = 0;
  for (const plane of planes) {
    const was = new Reachability(before, plane);
    const now = new Reachability(after, plane);
    for (const { pod, label } of sample.sources) {
      for (const destination of sample.destinations) {
        for (const connection of sample.connections) {
          asked++;
          const a = was.egress(pod, destination.endpoint, connection).allowed;
          const b = now.egress(pod, destination.endpoint, connection).allowed;
          if (a === b) continue;
          const difference = { plane: plane.name, source: label, destination, ...connection };
          if (b) added.push(difference);
          else if (!destination.additionsOnly) removed.push(difference);
        }
      }
    }
  }
  return { added, removed, asked };
}

function ingressMeaning(policy: PolicyFacts): string {
  return isolatesIngress(policy)
    ? JSON.stringify([policy.podSelector ?? {}, policy.ingress ?? []])
    : 'none';
}

/** Whether two versions of a namespace's policies isolate and allow ingress alike (by content). */
export function sameIngress(
  before: readonly PolicyFacts[],
  after: readonly PolicyFacts[],
): boolean {
  const meaning = (list: readonly PolicyFacts[]) =>
    list
      .map(ingressMeaning)
      .filter((m) => m !== 'none')
      .sort()
      .join('\n');
  return meaning(before) === meaning(after);
}
