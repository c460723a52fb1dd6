import type { DataPlane } from '../netpol/dataplane.js';
import type { EgressRule, PolicyFacts } from '../netpol/model.js';
import { peerMatches } from '../netpol/peers.js';
import { isolatesEgress } from '../netpol/policy-types.js';
import { describePort, portEntryMatches } from '../netpol/ports.js';
import { egressRuleAllows } from '../netpol/rules.js';
import { IMDS_ADDRESS, IMDS_CONNECTION, IMDS_ENDPOINT } from './endpoint.js';

// The endpoint is an address, never a pod: selector peers never match it, so no namespace is looked up.
const NO_NAMESPACES = () => ({});

/** Whether the rule (of a policy in `namespace`) lets a pod it applies to reach 169.254.169.254:80. */
export function ruleOpensImds(rule: EgressRule, namespace: string, plane: DataPlane): boolean {
  return egressRuleAllows(rule, namespace, IMDS_ENDPOINT, IMDS_CONNECTION, plane, NO_NAMESPACES);
}

/** Why a rule that opens the endpoint does: the destination part and the port entries that admit TCP 80. */
function whyRuleOpens(rule: EgressRule, namespace: string, plane: DataPlane): string {
  const to = rule.to ?? [];
  const peer = to.find((p) => peerMatches(p, namespace, IMDS_ENDPOINT, plane, NO_NAMESPACES));
  const block = peer?.ipBlock;
  const except = block?.except?.length ? ` except ${block.except.join(', ')}` : '';
  const where =
    to.length === 0 || !block
      ? 'allows every destination'
      : `allows ${block.cidr}${except}, which includes ${IMDS_ADDRESS}`;
  const ports = rule.ports ?? [];
  if (ports.length === 0) return `${where}, on every port`;
  const admitting = ports.filter((p) => portEntryMatches(p, IMDS_CONNECTION, undefined));
  return `${where}, on ${admitting.map(describePort).join(', ')}`;
}

/** One rule of one policy that opens the metadata endpoint. */
export interface Reopening {
  policy: string;
  /** Index in `spec.egress`, as `kubectl` paths count. */
  rule: number;
  why: string;
}

/** Every rule of an egress policy that lets the pods it selects reach 169.254.169.254:80. */
export function reopeningsOf(policy: PolicyFacts, plane: DataPlane): Reopening[] {
  if (!isolatesEgress(policy)) return [];
  return (policy.egress ?? []).flatMap((rule, index) =>
    ruleOpensImds(rule, policy.namespace, plane)
      ? [{ policy: policy.name, rule: index, why: whyRuleOpens(rule, policy.namespace, plane) }]
      : [],
  );
}
