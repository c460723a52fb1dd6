// When the policy engine cannot be read (kubeconfig only), the step writes restrict-instance-metadata
// with a `::/0` ipBlock. Azure NPM, one of the engines such a cluster may run, installs none of a
// policy with a non-IPv4 ipBlock (the project's own model: netpol/dataplane.ts
// dropsPolicyWithNonIpv4Block; azure-container-networking translatePolicy.go ErrUnsupportedIPAddress),
// so on NPM the created policy blocks nothing, while the step says the plan "changes nothing
// elsewhere" and judges the namespace blocked (if enforced). Rule edits already avoid `::/0` for an
// unknown engine (ipv6PeerSafe); the namespace policy does not.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies (Azure NPM: Linux, IPv4 only);
// https://kubernetes.io/docs/concepts/services-networking/network-policies/ (a pod is isolated
// only by a policy in effect).
import { describe, expect, it } from 'vitest';
import { assessImds } from '../../src/checks/imds/assess.js';
import { engineTraits, type EngineFacts } from '../../src/checks/imds/engine.js';
import { restrictImdsPolicy } from '../../src/checks/imds/policy.js';
import { IMDS_CONNECTION, IMDS_ENDPOINT } from '../../src/checks/imds/endpoint.js';
import { ENFORCING_PLANES } from '../../src/checks/netpol/dataplane.js';
import { Reachability } from '../../src/checks/netpol/reach.js';
import type { PolicyFacts } from '../../src/checks/imds/facts.js';

const UNKNOWN: EngineFacts = { known: false, why: 'the cluster was not read from ARM' };

function ours(): PolicyFacts {
  const m = restrictImdsPolicy('shop', engineTraits(UNKNOWN));
  return {
    namespace: 'shop',
    name: m.metadata.name,
    labels: m.metadata.labels,
    podSelector: m.spec.podSelector,
    policyTypes: m.spec.policyTypes,
    egress: m.spec.egress,
  };
}

describe('imds, engine unknown: the policy the step writes', () => {
  it.fails(
    'blocks 169.254.169.254:80 on every enforcing engine it may be, Azure NPM included',
    () => {
      const world = {
        namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
        policies: [ours()],
      };
      const open = ENFORCING_PLANES.filter(
        (plane) =>
          new Reachability(world, plane).egress(
            { namespace: 'shop', labels: { app: 'web' } },
            IMDS_ENDPOINT,
            IMDS_CONNECTION,
          ).allowed,
      ).map((p) => p.name);
      expect(open).toEqual([]);
    },
  );

  it('(context) the step itself judges a namespace holding only that policy blocked', () => {
    const a = assessImds({
      engine: UNKNOWN,
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      pods: [{ namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false }],
      policies: [ours()],
    });
    expect(a.namespaces[0]!.verdict.kind).toBe('blocked');
  });
});
