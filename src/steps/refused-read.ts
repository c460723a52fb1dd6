import type { Finding, FindingId } from '../model/finding.js';
import { kubeErrorKind } from '../kube/errors.js';

/** The finding for a read the API server refused (403): `what` has not been checked. */
export function refusedReadFinding(id: FindingId, what: string): Finding {
  return {
    id,
    severity: 'medium',
    message: `Could not check ${what}: the API server refused the read (403).`,
    remediation: 'Ask for read access to it; until then this check has not passed.',
  };
}

/** A refused read is the step's finding; any other failure (throttled, timed out…) ends the step. */
export function refusedOrThrow(error: unknown): void {
  if (kubeErrorKind(error) !== 'forbidden') throw error;
}
