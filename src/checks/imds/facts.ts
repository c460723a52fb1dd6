export type {
  ContainerPort,
  EgressRule,
  IngressRule,
  IpBlock,
  NamespaceFacts,
  PodFacts,
  PolicyFacts,
  PolicyPeer,
  PolicyPort,
} from '../netpol/model.js';
export type { LabelSelector } from '../../model/label-selector.js';
import type { PolicyFacts } from '../netpol/model.js';

/** The labels our own policies carry (rollback also asks for our spec: see ours.ts). */
export const OUR_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/managed-by': 'aks-runbook',
  'aks-runbook/step': 'imds',
};

/** The name of the policy this step creates. */
export const OUR_POLICY_NAME = 'restrict-instance-metadata';

/** Whether a policy carries our labels; anyone can copy them, so this alone does not make it ours. */
export function carriesOurLabels(policy: PolicyFacts): boolean {
  return Object.entries(OUR_LABELS).every(([k, v]) => policy.labels?.[k] === v);
}
