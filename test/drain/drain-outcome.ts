// What a drain did to one node's pods, read from the simulator (its pods and its request log),
// so our drain and kubectl's are compared by their effect rather than by what they print.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../src/sim/simulator.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The pods of a node, split by what a drain did with them (each list sorted, `ns/<app>`). */
export interface DrainOutcome {
  /** An eviction (or a delete) was accepted. */
  evicted: string[];
  /** Every eviction was refused by a PodDisruptionBudget (429) until the drain gave up. */
  heldByPdb: string[];
  /** The drain would not touch them under its options (a filter refused them). */
  refused: string[];
  /** Left alone on purpose: the rest of the node's pods. */
  skipped: string[];
  /** Pods that had to wait on a PDB at least once before their eviction was accepted. */
  waitedThenEvicted: number;
  /** Whether the node was cordoned at the end. */
  cordoned: boolean;
}

/** A pod on a node before the drain: `ns/name`, what it is across simulators, its phase. */
export interface NodePod {
  ref: string;
  /** `ns/<app label>`: generated pod names differ between two simulators of one scenario. */
  kind: string;
  phase: string;
}

/** The pods on a node now. */
export function podsOn(sim: Simulator, node: string): NodePod[] {
  return sim.kube.podsOnNode(node).map((p) => ({
    ref: `${p.metadata.namespace}/${p.metadata.name}`,
    kind: `${p.metadata.namespace}/${p.metadata.labels?.['app'] ?? p.metadata.name}`,
    phase: String((p['status'] as { phase?: string } | undefined)?.phase ?? 'Pending'),
  }));
}

const EVICTION = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/eviction$/;
const POD = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/;

/** Which pods got an accepted eviction or delete, and which only ever got 429s, per the log. */
function answersByPod(sim: Simulator): Map<string, number[]> {
  const byPod = new Map<string, number[]>();
  for (const e of sim.log.entries) {
    const match =
      e.method === 'POST' ? EVICTION.exec(e.path) : e.method === 'DELETE' ? POD.exec(e.path) : null;
    if (!match) continue;
    const ref = `${match[1]}/${match[2]}`;
    byPod.set(ref, [...(byPod.get(ref) ?? []), e.status]);
  }
  return byPod;
}

/** Builds the outcome from the pods that were on the node before and the filter refusals. */
export function outcomeOf(
  sim: Simulator,
  node: string,
  pods: readonly NodePod[],
  refused: readonly string[],
): DrainOutcome {
  const answers = answersByPod(sim);
  const before = pods.map((p) => p.ref);
  const kinds = (refs: readonly string[]) =>
    refs.map((r) => pods.find((p) => p.ref === r)?.kind ?? r).sort();
  const ok = (s: number) => s >= 200 && s < 300;
  const evicted = before.filter((p) => answers.get(p)?.some(ok));
  const heldByPdb = before.filter(
    (p) => !evicted.includes(p) && (answers.get(p) ?? []).includes(429),
  );
  const waitedThenEvicted = evicted.filter((p) => answers.get(p)!.includes(429)).length;
  const touched = new Set([...evicted, ...heldByPdb, ...refused]);
  return {
    evicted: kinds(evicted),
    heldByPdb: kinds(heldByPdb),
    refused: kinds(refused),
    skipped: kinds(before.filter((p) => !touched.has(p))),
    waitedThenEvicted,
    cordoned:
      (sim.kube.getNode(node)?.['spec'] as { unschedulable?: boolean })?.unschedulable === true,
  };
}

/**
 * The pods kubectl's filters refused, from its error lines: `cannot delete <why>: ns/a, ns/b`
 * (1.32 doubles "cannot delete"; the pod list follows the last ": ").
 */
export function kubectlRefusals(stderr: string): string[] {
  const refused = new Set<string>();
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('cannot delete ')) continue;
    const list = line.slice(line.lastIndexOf(': ') + 2);
    for (const ref of list.split(', ')) refused.add(ref.trim());
  }
  return [...refused].sort();
}

/** The operator's kubeconfig of a simulator, written to a fresh folder that also serves as HOME. */
export function kubectlEnv(sim: Simulator): { kubeconfig: string; home: string } {
  const home = tempDir('kubectl-diff-');
  const kubeconfig = join(home, 'config');
  writeFileSync(kubeconfig, sim.userKubeconfig(), { mode: 0o600 });
  return { kubeconfig, home };
}
