import { RbacChecks, type RbacReview } from '../../checks/rbac/check-bindings.js';
import { allBindings, type RbacFacts } from '../../checks/rbac/types.js';

/** How long the checks run before other work (the next page of a list) gets a turn (ms). */
const SLICE_MS = 8;

/**
 * `checkRbac`, in slices of a few milliseconds with the event loop free between them: on a large
 * cluster the checks take hundreds of milliseconds, and in one piece they would hold back the
 * other steps' reads (the pod list asks its pages one after another) for all that time.
 * `signal` (the look's) is checked at each turn: an abandoned look stops at the next slice.
 */
export async function checkRbacInSlices(
  facts: RbacFacts,
  signal?: AbortSignal,
): Promise<RbacReview> {
  signal?.throwIfAborted();
  const checks = new RbacChecks(facts);
  let since = performance.now();
  for (const b of allBindings(facts)) {
    checks.add(b);
    if (performance.now() - since >= SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      since = performance.now();
    }
  }
  return checks.review();
}
