import type { V1PodDisruptionBudget } from '@kubernetes/client-node';

// One reading of a PodDisruptionBudget's status for every judge of it (drain, upgrade
// preflight, fleet plans): a status the disruption controller has not caught up with is not used.

/**
 * Whether a PDB's status trails its spec: per policy/v1 the status is valid only once
 * `observedGeneration` equals `metadata.generation`, and the eviction API refuses until then.
 */
export function pdbStatusBehind(pdb: V1PodDisruptionBudget): boolean {
  const generation = pdb.metadata?.generation ?? 0;
  return (pdb.status?.observedGeneration ?? 0) < generation;
}

/** A budget's allowed disruptions as far as they are known: 0 while its status trails its spec. */
export function knownDisruptionsAllowed(pdb: V1PodDisruptionBudget): number {
  return pdbStatusBehind(pdb) ? 0 : (pdb.status?.disruptionsAllowed ?? 0);
}
