import { cidrBounds, formatAddress, mappedIpv4Block, parseCidr } from '../netpol/address.js';
import type { DataPlane } from '../netpol/dataplane.js';
import type { EgressRule, PolicyFacts, PolicyPeer } from '../netpol/model.js';
import { peerMatches } from '../netpol/peers.js';
import { effectivePolicyTypes } from '../netpol/policy-types.js';
import { IMDS_ADDRESS, IMDS_CIDR, IMDS_ENDPOINT, IMDS_MAPPED_CIDR } from './endpoint.js';
import { ruleOpensImds } from './rules.js';

/**
 * What "to anywhere" becomes: every IPv4 address but the endpoint, every IPv6 address, and every
 * pod (Cilium's ipBlock never matches pods; elsewhere the selector peer repeats what the ipBlock
 * already allows), so only the endpoint (and, on Cilium, node addresses) is lost. `ipv6` false:
 * no IPv6 block, for Azure NPM (and engines that may be it), which installs none of a policy with
 * one; IPv6 destinations are then lost too, which the widening check shows.
 */
function anywhereButImds(ipv6: boolean): PolicyPeer[] {
  return [
    { ipBlock: { cidr: '0.0.0.0/0', except: [IMDS_CIDR] } },
    ...(ipv6 ? [{ ipBlock: { cidr: '::/0' } }] : []),
    { namespaceSelector: {} },
  ];
}

/** What a rule edit needs to know of the cluster besides the data planes. */
export interface EditOptions {
  /** Whether "anywhere" may keep an IPv6 block (`ipv6PeerSafe`); default true. */
  ipv6?: boolean;
}

/** One rule after the fix: the rule to keep (undefined: delete it) and what changed, in words. */
export interface RuleFix<R extends EgressRule> {
  rule: R | undefined;
  change: string;
}

const NO_NAMESPACES = () => ({});

/**
 * Takes 169.254.169.254 out of one egress rule without allowing anything new:
 * - `to` empty (every destination) becomes ANYWHERE_BUT_IMDS, ports kept;
 * - an ipBlock that covers the endpoint gets `except: [169.254.169.254/32]`, or
 *   `::ffff:169.254.169.254/128` when the block is written as IPv4-mapped IPv6;
 * - an ipBlock that is the endpoint itself (a /32 cannot except itself) is dropped, and when no
 *   peer is left the whole rule is deleted: an empty `to` would mean every destination.
 * Fields this tool does not know are kept as they are.
 */
export function closeImdsInRule<R extends EgressRule>(
  rule: R,
  namespace: string,
  plane: DataPlane,
  ipv6 = true,
): RuleFix<R> {
  const to = rule.to ?? [];
  if (to.length === 0) {
    return {
      rule: { ...rule, to: anywhereButImds(ipv6) },
      change: `"to anywhere" becomes "anywhere but ${IMDS_ADDRESS}"`,
    };
  }
  const changes: string[] = [];
  const peers = to.flatMap((peer): PolicyPeer[] => {
    const block = peer.ipBlock;
    if (!block || !peerMatches(peer, namespace, IMDS_ENDPOINT, plane, NO_NAMESPACES)) return [peer];
    const cidr = parseCidr(block.cidr);
    const mapped = cidr && mappedIpv4Block(cidr);
    if ((mapped ?? cidr)?.prefix === 32) {
      changes.push(`peer ${block.cidr} removed`);
      return [];
    }
    // The API server refuses an IPv4 except inside an IPv6 block (not a strict subset), so an
    // IPv4-mapped block gets the endpoint in the same mapped form: whoever reads the block as
    // IPv4 reads the except so too, and whoever reads it as IPv6 never matched the endpoint.
    const except = mapped ? IMDS_MAPPED_CIDR : IMDS_CIDR;
    changes.push(
      mapped
        ? `except ${except} added to ${block.cidr} (an IPv4-mapped IPv6 block takes no IPv4 except; rewriting it as ${formatAddress(cidrBounds(mapped)[0])}/${mapped.prefix} by hand is cleaner)`
        : `except ${except} added to ${block.cidr}`,
    );
    return [{ ...peer, ipBlock: { ...block, except: [...(block.except ?? []), except] } }];
  });
  if (peers.length === 0) {
    return { rule: undefined, change: `deleted (${IMDS_ADDRESS} was all it allowed)` };
  }
  return { rule: { ...rule, to: peers }, change: changes.join(', ') };
}

/** A policy's egress after the fix, and policyTypes written out when the stored object left them implicit. */
export interface PolicyEdit<R extends EgressRule> {
  egress: R[];
  /** Set when the policy had no policyTypes: an emptied egress list must not drop Egress isolation. */
  policyTypes?: string[];
  /** `rule 1: except ... added`, one per rule changed (indices as stored before the edit). */
  changes: string[];
}

/**
 * Closes the endpoint in every rule of the policy that opens it, now or later, on any of `planes`
 * (those the verdict holds on: `verdictPlanes`); undefined when none does.
 */
export function policyEdit<R extends EgressRule>(
  policy: Omit<PolicyFacts, 'egress'> & { egress?: R[] },
  planes: readonly DataPlane[],
  options: EditOptions = {},
): PolicyEdit<R> | undefined {
  const changes: string[] = [];
  const egress = (policy.egress ?? []).flatMap((rule, index): R[] => {
    const plane = planes.find((p) => ruleOpensImds(rule, policy.namespace, p));
    if (!plane) return [rule];
    const fix = closeImdsInRule(rule, policy.namespace, plane, options.ipv6 ?? true);
    changes.push(`rule ${index}: ${fix.change}`);
    return fix.rule ? [fix.rule] : [];
  });
  if (changes.length === 0) return undefined;
  const implicit = !policy.policyTypes || policy.policyTypes.length === 0;
  return { egress, changes, ...(implicit ? { policyTypes: effectivePolicyTypes(policy) } : {}) };
}

/** The policy as it would be after the edit. */
export function applyEdit(policy: PolicyFacts, edit: PolicyEdit<EgressRule>): PolicyFacts {
  return {
    ...policy,
    egress: edit.egress,
    ...(edit.policyTypes ? { policyTypes: edit.policyTypes } : {}),
  };
}
