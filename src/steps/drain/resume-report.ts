import type { DrainFacts } from '../../checks/drain/findings.js';
import { podsToMove } from '../../checks/drain/plan.js';
import type { NodePlan } from '../../model/drain.js';
import type { InFlightChange } from '../../model/journal.js';
import { plural } from '../../model/plural.js';

/** Where a node an earlier drain had in flight stands now. */
export type ResumedNodeVerdict = 'missing' | 'not-cordoned' | 'queued' | 'drained' | 'pods-left';

/** One node of an interrupted drain, as found on re-inspection. */
export interface ResumedNode {
  node: string;
  verdict: ResumedNodeVerdict;
  /** `ns/name` of the pods a drain would still move (or that block it). */
  podsLeft: string[];
}

/** What the drain step tells the operator about an interrupted drain, and what it offers. */
export interface ResumeReport {
  nodes: ResumedNode[];
  /** One line per in-flight pod change: where that pod is now. */
  pods: Array<{ target: string; now: 'gone' | 'terminating' | 'still there' }>;
  lines: string[];
  /** Nodes still cordoned with pods left: the drain may continue there. */
  toContinue: string[];
  /** Nodes found cordoned: they may be uncordoned. */
  cordoned: string[];
}

/** The nodes an intent of the drain step is about: one node, or every node of a drain plan. */
function nodesOf(change: InFlightChange): string[] {
  if (change.target.startsWith('node/')) return [change.target.slice('node/'.length)];
  const node = change.detail?.['node'];
  if (typeof node === 'string') return [node];
  const plan = change.detail?.['nodes'];
  return Array.isArray(plan) ? plan.filter((n): n is string => typeof n === 'string') : [];
}

/** Nodes the interrupted drain found cordoned by someone else: their cordons are not ours. */
function foundCordoned(ours: readonly InFlightChange[]): Set<string> {
  return new Set(
    ours.flatMap((i) => {
      const before = i.action === 'drain nodes' ? i.detail?.['cordonedBefore'] : undefined;
      return Array.isArray(before) ? before.filter((n): n is string => typeof n === 'string') : [];
    }),
  );
}

/** The nodes of an interrupted drain plan (the run's intent), in their order. */
function planned(ours: readonly InFlightChange[]): Set<string> {
  return new Set(ours.filter((i) => i.action === 'drain nodes').flatMap(nodesOf));
}

/**
 * Reads an interrupted drain against the cluster as it is now (pure: facts and previews in):
 * per node, whether it is drained, still has pods, or was never cordoned; per pod the earlier
 * session was moving, whether it went.
 */
export function resumeReport(
  intents: readonly InFlightChange[],
  facts: DrainFacts,
  previews: Readonly<Record<string, NodePlan>>,
  /** False in read-only mode or without the rights: nothing is offered, only reported. */
  canChange: boolean,
): ResumeReport {
  const ours = intents.filter((i) => i.step === 'drain');
  const names = [...new Set(ours.flatMap(nodesOf))];
  const inPlan = planned(ours);
  // A node of the plan with no cordon of its own in flight and not cordoned: the drain had not
  // reached it yet (a node it cordoned and that was uncordoned since carries no plan-only trace).
  const touched = new Set(ours.filter((i) => i.action !== 'drain nodes').flatMap(nodesOf));
  const nodes = names.map((name): ResumedNode => {
    const node = facts.nodes.find((n) => n.name === name);
    const plan = previews[name];
    const left = plan
      ? [...podsToMove(plan), ...plan.blocked.filter((b) => b.cause !== 'pdb').map((b) => b.pod)]
      : [];
    const podsLeft = [...new Set(left.map((p) => `${p.namespace}/${p.name}`))].sort();
    if (!node) return { node: name, verdict: 'missing', podsLeft: [] };
    if (node.schedulable)
      return {
        node: name,
        verdict: inPlan.has(name) && !touched.has(name) ? 'queued' : 'not-cordoned',
        podsLeft,
      };
    return { node: name, verdict: podsLeft.length > 0 ? 'pods-left' : 'drained', podsLeft };
  });
  const all = Object.values(facts.podsByNode).flat();
  const pods = ours
    .filter((i) => i.target.startsWith('pod/'))
    .map((i) => {
      const [namespace, name] = i.target.slice('pod/'.length).split('/');
      const uid = i.detail?.['uid'];
      const pod = all.find(
        (p) =>
          p.namespace === namespace &&
          p.name === name &&
          (typeof uid !== 'string' || p.uid === uid),
      );
      const now = !pod ? 'gone' : pod.terminating ? 'terminating' : 'still there';
      return { target: i.target, now } as const;
    });
  const lines = [
    ...nodes.map((n) => nodeLine(n)),
    ...pods.map((p) => `  ${p.target}: ${p.now === 'gone' ? 'gone (it was moved)' : p.now}`),
  ];
  const toContinue = nodes
    .filter((n) => n.verdict === 'pods-left' || n.verdict === 'queued')
    .map((n) => n.node);
  const theirs = foundCordoned(ours);
  const cordoned = nodes
    .filter((n) => (n.verdict === 'pods-left' || n.verdict === 'drained') && !theirs.has(n.node))
    .map((n) => n.node);
  if (!canChange) {
    lines.push('Nothing can be changed from this session (read-only mode or missing rights).');
  } else if (toContinue.length > 0) {
    lines.push(`d continues draining ${toContinue.join(', ')}; u uncordons; both ask first.`);
  } else if (cordoned.length > 0) {
    lines.push(`u uncordons ${cordoned.join(', ')} after the maintenance (asks first).`);
  }
  return {
    nodes,
    pods,
    lines,
    toContinue: canChange ? toContinue : [],
    cordoned: canChange ? cordoned : [],
  };
}

function nodeLine(n: ResumedNode): string {
  const shown = n.podsLeft.slice(0, 3).join(', ');
  const more = n.podsLeft.length > 3 ? ` and ${n.podsLeft.length - 3} more` : '';
  switch (n.verdict) {
    case 'missing':
      return `✖ ${n.node}: no longer in the cluster.`;
    case 'not-cordoned':
      return `! ${n.node}: not cordoned (the drain never cordoned it, or it was uncordoned since); nothing to continue.`;
    case 'queued':
      return `· ${n.node}: not reached yet (queued in the interrupted drain, not cordoned); the drain continues with it.`;
    case 'drained':
      return `✔ ${n.node}: drained and still cordoned; only pods a drain leaves are on it.`;
    case 'pods-left':
      return `⏸ ${n.node}: still cordoned with ${plural(n.podsLeft.length, 'pod')} left: ${shown}${more}.`;
  }
}
