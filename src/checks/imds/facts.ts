import type { LabelSelector } from './selector.js';

/** An `ipBlock` peer: a CIDR minus its exceptions. */
export interface IpBlock {
  cidr: string;
  except?: string[];
}

/** One peer of an egress rule's `to` list; the parts set say which kind it is. */
export interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IpBlock;
}

/** One port of a rule (`port` may be a number or a named port). */
export interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

/** One egress rule: traffic is allowed to any peer of `to` on any port of `ports`. */
export interface EgressRule {
  to?: PolicyPeer[];
  ports?: PolicyPort[];
}

/** The parts of a NetworkPolicy that decide egress, as stored by the API server. */
export interface PolicyFacts {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  podSelector?: LabelSelector;
  /** As written; absent means the API server's default applies. */
  policyTypes?: string[];
  egress?: EgressRule[];
  ingressRules?: number;
}

/** A pod as far as egress policy is concerned. */
export interface PodFacts {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  hostNetwork: boolean;
}

/** A namespace and its labels. */
export interface NamespaceFacts {
  name: string;
  labels: Record<string, string>;
}

/** The labels our own policies carry, so rollback deletes exactly what this tool created. */
export const OUR_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/managed-by': 'aks-runbook',
  'aks-runbook/step': 'imds',
};

/** The name of the policy this step creates. */
export const OUR_POLICY_NAME = 'restrict-instance-metadata';

/** Whether a policy was created by this step (by its labels). */
export function isOurPolicy(policy: PolicyFacts): boolean {
  return Object.entries(OUR_LABELS).every(([k, v]) => policy.labels?.[k] === v);
}
