import { isDeepStrictEqual } from 'node:util';
import type { EngineTraits } from './engine.js';
import {
  carriesOurLabels,
  OUR_POLICY_NAME,
  type EgressRule,
  type PolicyFacts,
  type PolicyPeer,
} from './facts.js';
import { allButImdsPeers, restrictImdsPolicy } from './policy.js';

/** A peer as compared: an empty `except` is the same as none (the API server may store either). */
function plainPeer(peer: PolicyPeer): PolicyPeer {
  const { ipBlock, ...rest } = peer;
  if (!ipBlock) return rest;
  const { except, cidr } = ipBlock;
  return { ...rest, ipBlock: except && except.length > 0 ? { cidr, except } : { cidr } };
}

function plainEgress(rules: readonly EgressRule[]): unknown {
  return JSON.parse(
    JSON.stringify(rules.map((r) => ({ ...r, ...(r.to ? { to: r.to.map(plainPeer) } : {}) }))),
  );
}

// The egress this step writes, on every engine shape: with or without Cilium's selector peers,
// with ::/0 or without it (Azure NPM now; versions before 78904f3 on IPv4-only clusters).
const OUR_EGRESS = [false, true].flatMap((cilium) =>
  [false, true].map((ipv4Only) =>
    plainEgress([
      { to: allButImdsPeers({ cilium, ipv4Only, enforces: true, dualStack: true, label: '' }) },
    ]),
  ),
);

/**
 * Whether a policy is one this step made: our labels AND exactly the spec it writes (egress only,
 * one rule allowing everything but 169.254.169.254, any podSelector, as targeted policies have).
 * Deleting such a policy gives its pods back the metadata endpoint and nothing else. A policy
 * with our labels but another spec (say a default-deny tightened by its owner) is not ours:
 * deleting it could lift the egress isolation of its pods.
 */
export function madeByThisStep(policy: PolicyFacts): boolean {
  if (!carriesOurLabels(policy)) return false;
  if (!isDeepStrictEqual(policy.policyTypes, ['Egress'])) return false;
  if ((policy.ingress ?? []).length > 0) return false;
  const egress = plainEgress(policy.egress ?? []);
  return OUR_EGRESS.some((ours) => isDeepStrictEqual(ours, egress));
}

/**
 * Our namespace policy in `namespace` as an older version of this step wrote it: ours (labels and
 * one of the specs this step has written), selecting every pod, but not the spec it writes now for
 * this engine (say with ::/0, which Azure NPM does not install at all). Creating ours again would
 * collide with its name; it is replaced instead. Undefined when there is none such.
 */
export function outdatedOurs(
  policies: readonly PolicyFacts[],
  namespace: string,
  traits: EngineTraits,
): PolicyFacts | undefined {
  const found = policies.find((p) => p.namespace === namespace && p.name === OUR_POLICY_NAME);
  if (!found || !madeByThisStep(found)) return undefined;
  if (Object.keys(found.podSelector ?? {}).length > 0) return undefined;
  const now = plainEgress(restrictImdsPolicy(namespace, traits).spec.egress);
  return isDeepStrictEqual(plainEgress(found.egress ?? []), now) ? undefined : found;
}
