import { IMDS_CIDR } from './endpoint.js';
import type { EngineTraits } from './engine.js';
import { OUR_LABELS, OUR_POLICY_NAME, type PolicyPeer } from './facts.js';

/** A NetworkPolicy manifest, as sent to the API server. */
export interface PolicyManifest {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: {
    podSelector: Record<string, never>;
    policyTypes: ['Egress'];
    egress: Array<{ to: PolicyPeer[] }>;
  };
}

/**
 * The peers that allow everything except the metadata endpoint on this engine: all IPv4 minus
 * 169.254.169.254/32, all IPv6 (harmless on an IPv4 cluster, needed on a dual-stack one) except
 * on Azure NPM (IPv4 only; it installs none of a policy with an IPv6 block), and on Cilium
 * explicit pod peers, because Cilium's ipBlock never matches pod IPs (without them, pods and
 * CoreDNS would be cut off).
 */
export function allButImdsPeers(traits: EngineTraits): PolicyPeer[] {
  const peers: PolicyPeer[] = [{ ipBlock: { cidr: '0.0.0.0/0', except: [IMDS_CIDR] } }];
  if (!traits.ipv4Only) peers.push({ ipBlock: { cidr: '::/0' } });
  if (traits.cilium) peers.push({ namespaceSelector: {} }, { podSelector: {} });
  return peers;
}

/** Our policy for one namespace: every pod, egress only, everything but the metadata endpoint. */
export function restrictImdsPolicy(namespace: string, traits: EngineTraits): PolicyManifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: OUR_POLICY_NAME,
      namespace,
      labels: { ...OUR_LABELS },
      annotations: {
        'aks-runbook/purpose':
          'Blocks pod egress to the instance metadata endpoint 169.254.169.254 only; all other egress stays allowed.',
      },
    },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: allButImdsPeers(traits) }],
    },
  };
}

/** Lines that say how the policy fits this engine, for the plan. */
export function policyNotes(traits: EngineTraits): string[] {
  const notes = [
    'Why not the AKS article\'s sample: "cidr: 10.10.0.0/0#example" is not a CIDR (the # is not a YAML comment there), so the API server rejects it; fixed to 0.0.0.0/0 it allows all other egress and would widen namespaces that were already restricted. This step adds its policy only where no egress isolation exists.',
  ];
  if (traits.enforces === false)
    notes.push('No policy engine: the policies will be stored but NOT enforced (inert).');
  notes.push(
    traits.ipv4Only
      ? traits.enforces === undefined
        ? 'No ::/0 peer: no pod has an IPv6 address, and the engine may be Azure NPM, which installs none of a policy with an IPv6 block.'
        : 'No ::/0 peer: Azure NPM is IPv4 only and installs none of a policy with an IPv6 block.'
      : traits.ipv6MayBeDropped
        ? "::/0 keeps the IPv6 pods' egress open; but if the engine is Azure NPM, this policy is NOT in effect at all (NPM installs none of a policy with an IPv6 block), so it is not offered while the engine may be NPM."
        : '::/0 keeps IPv6 egress open (it changes nothing on an IPv4-only cluster).',
  );
  if (traits.cilium)
    notes.push(
      'Cilium (or unknown): namespaceSelector {} and podSelector {} peers keep pod and DNS traffic; Cilium cannot allow node IPs by ipBlock, so egress to hostNetwork endpoints is cut.',
    );
  return notes;
}
