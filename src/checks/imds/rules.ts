import type { DataPlane } from '../netpol/dataplane.js';
import { cidrBounds, formatAddress, mappedIpv4Block, parseCidr } from '../netpol/address.js';
import type {
  ContainerPort,
  EgressRule,
  PolicyFacts,
  PolicyPeer,
  PolicyPort,
} from '../netpol/model.js';
import { ipBlockCoverage, peerMatches } from '../netpol/peers.js';
import { isolatesEgress } from '../netpol/policy-types.js';
import { describePort, portEntryMatches } from '../netpol/ports.js';
import { egressRuleAllows } from '../netpol/rules.js';
import { IMDS_ADDRESS, IMDS_CIDR, IMDS_CONNECTION, IMDS_ENDPOINT } from './endpoint.js';

// The endpoint is an address, never a pod: selector peers never match it, so no namespace is looked up.
const NO_NAMESPACES = () => ({});

/**
 * Whether the rule (of a policy in `namespace`) lets a pod it applies to reach 169.254.169.254:80,
 * now or later. On a plane that resolves egress named ports across the cluster (Cilium) a named
 * port means 80 as soon as any pod anywhere names a port 80 so, which a pod created later may do
 * whatever today's pods declare: such a rule opens the endpoint (the pods of today only say
 * whether it does already, see `namedPortWords`).
 */
export function ruleOpensImds(rule: EgressRule, namespace: string, plane: DataPlane): boolean {
  // No cluster ports given: a named port may mean any number (netpol/rules.ts).
  return egressRuleAllows(rule, namespace, IMDS_ENDPOINT, IMDS_CONNECTION, plane, NO_NAMESPACES);
}

/** Why a named port of a rule that opens the endpoint takes in port 80, today or once a pod names it so. */
function namedPortWords(entry: PolicyPort, clusterPorts: readonly ContainerPort[] | undefined) {
  const protocol = entry.protocol ?? 'TCP';
  const today = clusterPorts?.some(
    (c) =>
      c.name === entry.port &&
      c.port === IMDS_CONNECTION.port &&
      (c.protocol ?? 'TCP') === protocol,
  );
  const when =
    clusterPorts === undefined
      ? "the pods' port names are not known"
      : today
        ? 'a pod of the cluster names port 80 so'
        : 'no pod names port 80 so today, but the first pod in any namespace that does opens it';
  return `${describePort(entry)} (${when}; Cilium resolves an egress named port across every pod of the cluster, for ipBlock peers too)`;
}

/** `a.b.c.d/n`: the IPv4 block an IPv4-mapped IPv6 text stands for, or undefined. */
function mappedForm(text: string): string | undefined {
  const cidr = parseCidr(text);
  const v4 = cidr && mappedIpv4Block(cidr);
  return v4 && `${formatAddress(cidrBounds(v4)[0])}/${v4.prefix}`;
}

/** What an ipBlock that opens the endpoint allows, in words, saying when only one reading of an IPv4-mapped text does. */
function whyBlockOpens(block: NonNullable<PolicyPeer['ipBlock']>): string {
  const except = block.except?.length ? ` except ${block.except.join(', ')}` : '';
  const allows = `allows ${block.cidr}${except}`;
  const coverage = ipBlockCoverage(block, IMDS_ADDRESS);
  const v4 = mappedForm(block.cidr);
  if (!coverage.asWritten && v4) {
    return `${allows}: ${block.cidr} is written as IPv4-mapped IPv6, which Kubernetes and engines built on Go's net package (Calico) read as the IPv4 block ${v4}, so it includes ${IMDS_ADDRESS}`;
  }
  const mappedExcepts = (block.except ?? []).filter((e) => mappedForm(e) !== undefined);
  if (!coverage.asMappedIpv4 && mappedExcepts.length > 0) {
    return `${allows}, which includes ${IMDS_ADDRESS} wherever ${mappedExcepts.join(', ')} is read as IPv6: an except written as IPv4-mapped IPv6 does not take IPv4 traffic out on every engine, so it cannot be counted on (write it as ${IMDS_CIDR})`;
  }
  return `${allows}, which includes ${IMDS_ADDRESS}`;
}

/** Why a rule that opens the endpoint does: the destination part and the port entries that admit TCP 80. */
function whyRuleOpens(
  rule: EgressRule,
  namespace: string,
  plane: DataPlane,
  clusterPorts: readonly ContainerPort[] | undefined,
): string {
  const to = rule.to ?? [];
  const peer = to.find((p) => peerMatches(p, namespace, IMDS_ENDPOINT, plane, NO_NAMESPACES));
  const block = peer?.ipBlock;
  const where = to.length === 0 || !block ? 'allows every destination' : whyBlockOpens(block);
  const ports = rule.ports ?? [];
  if (ports.length === 0) return `${where}, on every port`;
  const admitting = ports.filter((p) => portEntryMatches(p, IMDS_CONNECTION, undefined));
  // On Cilium a named port means every number any pod of the cluster gives the name, here too.
  const named = ports.filter(
    (p) => typeof p.port === 'string' && ruleOpensImds({ ...rule, ports: [p] }, namespace, plane),
  );
  const said = [
    ...admitting.map(describePort),
    ...named.map((p) => namedPortWords(p, clusterPorts)),
  ];
  return `${where}, on ${said.join(', ')}`;
}

/** One rule of one policy that opens the metadata endpoint. */
export interface Reopening {
  policy: string;
  /** Index in `spec.egress`, as `kubectl` paths count. */
  rule: number;
  why: string;
}

/**
 * Every rule of an egress policy that lets the pods it selects reach 169.254.169.254:80, now or
 * later (`ruleOpensImds`); `clusterPorts` only say whether a named port does so already.
 */
export function reopeningsOf(
  policy: PolicyFacts,
  plane: DataPlane,
  clusterPorts?: readonly ContainerPort[],
): Reopening[] {
  if (!isolatesEgress(policy)) return [];
  return (policy.egress ?? []).flatMap((rule, index) =>
    ruleOpensImds(rule, policy.namespace, plane)
      ? [
          {
            policy: policy.name,
            rule: index,
            why: whyRuleOpens(rule, policy.namespace, plane, clusterPorts),
          },
        ]
      : [],
  );
}
