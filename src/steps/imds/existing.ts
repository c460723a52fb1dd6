import { isDeepStrictEqual } from 'node:util';
import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { OUR_LABELS } from '../../checks/imds/facts.js';
import { apiStatus } from '../../kube/api-status.js';
import { readNetworkPolicy } from '../../kube/network-policies.js';
import type { ImdsContext as StepContext } from './session.js';

/** The JSON form (undefined fields dropped), so a stored object compares equal to the one sent. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * How a NetworkPolicy found on the cluster differs from the one this step would create, as lines
 * for the operator; empty when it is ours with the same spec (then it is adopted as is).
 */
export function policyDifference(wanted: V1NetworkPolicy, found: V1NetworkPolicy): string[] {
  const out: string[] = [];
  const labels = found.metadata?.labels ?? {};
  if (Object.entries(OUR_LABELS).some(([k, v]) => labels[k] !== v))
    out.push('it does not carry the labels of this tool (someone else made it)');
  const w = wanted.spec;
  const f = found.spec;
  if (!isDeepStrictEqual(plain(w?.podSelector), plain(f?.podSelector)))
    out.push('its podSelector differs');
  if (!isDeepStrictEqual(plain(w?.policyTypes), plain(f?.policyTypes)))
    out.push(
      `its policyTypes are ${JSON.stringify(f?.policyTypes ?? [])}, not ${JSON.stringify(w?.policyTypes ?? [])}`,
    );
  if (!isDeepStrictEqual(plain(w?.egress ?? []), plain(f?.egress ?? [])))
    out.push('its egress rules differ from the planned ones');
  if (!isDeepStrictEqual(plain(w?.ingress ?? []), plain(f?.ingress ?? [])))
    out.push('it has ingress rules');
  return out;
}

/**
 * After a create answered 409 (the name is taken): 'same' when the stored policy is the one
 * wanted, else what differs. Any other failure is rethrown.
 */
export async function existingPolicy(
  ctx: StepContext,
  wanted: V1NetworkPolicy,
  error: unknown,
): Promise<'same' | string[]> {
  if (apiStatus(error) !== 409) throw error;
  const at = { namespace: wanted.metadata!.namespace!, name: wanted.metadata!.name! };
  const differs = policyDifference(wanted, await readNetworkPolicy(ctx.connection.kc, at));
  return differs.length === 0 ? 'same' : differs;
}
