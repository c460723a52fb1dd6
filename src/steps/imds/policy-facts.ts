import type {
  V1LabelSelector,
  V1NetworkPolicy,
  V1NetworkPolicyPeer,
  V1NetworkPolicyPort,
} from '@kubernetes/client-node';
import type { PolicyFacts } from '../../checks/imds/facts.js';
import type { PolicyPeer, PolicyPort } from '../../checks/netpol/model.js';
import type { LabelSelector } from '../../model/label-selector.js';

function selector(s: V1LabelSelector | undefined): LabelSelector | undefined {
  if (!s) return undefined;
  return {
    ...(s.matchLabels ? { matchLabels: s.matchLabels } : {}),
    ...(s.matchExpressions
      ? {
          matchExpressions: s.matchExpressions.map((e) => ({
            key: e.key,
            operator: e.operator,
            ...(e.values ? { values: e.values } : {}),
          })),
        }
      : {}),
  };
}

function peers(list: V1NetworkPolicyPeer[]): PolicyPeer[] {
  return list.map((peer) => ({
    ...(peer.ipBlock
      ? { ipBlock: { cidr: peer.ipBlock.cidr, except: peer.ipBlock.except ?? [] } }
      : {}),
    ...(peer.podSelector ? { podSelector: selector(peer.podSelector)! } : {}),
    ...(peer.namespaceSelector ? { namespaceSelector: selector(peer.namespaceSelector)! } : {}),
  }));
}

function ports(list: V1NetworkPolicyPort[]): PolicyPort[] {
  return list.map((p) => ({
    ...(p.protocol ? { protocol: p.protocol } : {}),
    ...(p.port !== undefined ? { port: p.port } : {}),
    ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
  }));
}

/** A stored NetworkPolicy reduced to what decides traffic. */
export function policyFacts(np: V1NetworkPolicy): PolicyFacts {
  const spec = np.spec;
  return {
    namespace: np.metadata?.namespace ?? '',
    name: np.metadata?.name ?? '',
    labels: np.metadata?.labels ?? {},
    ...(np.metadata?.uid ? { uid: np.metadata.uid } : {}),
    ...(np.metadata?.resourceVersion ? { resourceVersion: np.metadata.resourceVersion } : {}),
    podSelector: selector(spec?.podSelector) ?? {},
    ...(spec?.policyTypes ? { policyTypes: spec.policyTypes } : {}),
    egress: (spec?.egress ?? []).map((rule) => ({
      ...(rule.to ? { to: peers(rule.to) } : {}),
      ...(rule.ports ? { ports: ports(rule.ports) } : {}),
    })),
    ingress: (spec?.ingress ?? []).map((rule) => ({
      ...(rule._from ? { from: peers(rule._from) } : {}),
      ...(rule.ports ? { ports: ports(rule.ports) } : {}),
    })),
  };
}
