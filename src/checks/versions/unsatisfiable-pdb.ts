import type { PdbFacts } from './preflight.js';

// Budgets that by their spec never allow a disruption. AKS checks for maxUnavailable 0 before an
// upgrade starts and refuses it (UnsatisfiablePDB: "PDB <ns>/<name> has maxunavailble == 0 can't
// proceed with put operation"), whatever pods the budget selects. minAvailable 100% is not in that
// pre-check, but it never allows an eviction either (desiredHealthy is every expected pod): AKS's
// drain of a node holding one of its pods fails (UpgradeFailed) however far the workload scales.

/** How a budget's spec makes it unsatisfiable, or undefined when it does not. */
export type Unsatisfiable = 'max-unavailable-zero' | 'min-available-all';

/** The value of an IntOrString `0`, `"0"`, `"0%"` or `"100%"`: a number and whether it is a percent. */
function intOrPercent(v: number | string | undefined): { n: number; percent: boolean } | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return { n: v, percent: false };
  const m = /^\s*(\d+)\s*(%?)\s*$/.exec(v);
  return m ? { n: Number(m[1]), percent: m[2] === '%' } : undefined;
}

/** Whether the budget's spec alone means it never allows a disruption (see above). Pure. */
export function unsatisfiableBy(
  pdb: Pick<PdbFacts, 'maxUnavailable' | 'minAvailable'>,
): Unsatisfiable | undefined {
  const max = intOrPercent(pdb.maxUnavailable);
  if (max && max.n === 0) return 'max-unavailable-zero';
  const min = intOrPercent(pdb.minAvailable);
  if (min?.percent && min.n >= 100) return 'min-available-all';
  return undefined;
}

/** The spec field as said to the operator, e.g. `maxUnavailable 0` or `minAvailable 100%`. */
export function specWords(pdb: Pick<PdbFacts, 'maxUnavailable' | 'minAvailable'>): string {
  return unsatisfiableBy(pdb) === 'max-unavailable-zero'
    ? `maxUnavailable ${String(pdb.maxUnavailable)}`
    : `minAvailable ${String(pdb.minAvailable)}`;
}
