import { parseCidr } from './address.js';
import type { DataPlane } from './dataplane.js';
import type { PolicyFacts } from './model.js';

/** Every ipBlock text of a policy, cidr and except, egress and ingress. */
function blockTexts(policy: PolicyFacts): string[] {
  const peers = [
    ...(policy.egress ?? []).flatMap((r) => r.to ?? []),
    ...(policy.ingress ?? []).flatMap((r) => r.from ?? []),
  ];
  return peers.flatMap((p) => (p.ipBlock ? [p.ipBlock.cidr, ...(p.ipBlock.except ?? [])] : []));
}

/**
 * Why `plane` installs none of `policy`, or undefined when it is in effect. Azure NPM refuses a
 * policy with an ipBlock that is not IPv4 (IPv6, or IPv4-mapped IPv6 text) and installs none of
 * it: its pods are then isolated by nothing that policy says.
 */
export function notInEffect(policy: PolicyFacts, plane: DataPlane): string | undefined {
  if (!plane.dropsPolicyWithNonIpv4Block) return undefined;
  const text = blockTexts(policy).find((t) => parseCidr(t)?.address.kind() !== 'ipv4');
  return text === undefined
    ? undefined
    : `its ipBlock ${text} is not IPv4, which Azure NPM cannot translate, so NPM installs none of the policy`;
}

/** The policies `plane` enforces (those it drops whole left out). */
export function policiesInEffect<P extends PolicyFacts>(
  policies: readonly P[],
  plane: DataPlane,
): P[] {
  return plane.dropsPolicyWithNonIpv4Block
    ? policies.filter((p) => notInEffect(p, plane) === undefined)
    : [...policies];
}
