// When the policy engine cannot be read (kubeconfig only), the step writes restrict-instance-metadata
// with a `::/0` ipBlock. Azure NPM, one of the engines such a cluster may run, installs none of a
// policy with a non-IPv4 ipBlock (the project's own model: netpol/dataplane.ts
// dropsPolicyWithNonIpv4Block; azure-container-networking translatePolicy.go ErrUnsupportedIPAddress),
// so on NPM the created policy blocks nothing, while the step says the plan "changes nothing
// elsewhere" and judged the namespace blocked (if enforced). Now `::/0` is left out unless pods
// have IPv6 addresses (then leaving it out would cut their IPv6 egress); with it, the check
// refuses the policy, saying it would not be in effect if the engine is NPM.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies (Azure NPM: Linux, IPv4 only);
// https://kubernetes.io/docs/concepts/services-networking/network-policies/ (a pod is isolated
// only by a policy in effect).
import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits, ipv6PodsIn, type EngineFacts } from '../../../src/checks/imds/engine.js';
import { policyNotes, restrictImdsPolicy } from '../../../src/checks/imds/policy.js';
import { namespacePolicyCheck } from '../../../src/checks/imds/proposals.js';
import { IMDS_CONNECTION, IMDS_ENDPOINT } from '../../../src/checks/imds/endpoint.js';
import { ENFORCING_PLANES } from '../../../src/checks/netpol/dataplane.js';
import { Reachability } from '../../../src/checks/netpol/reach.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';

const UNKNOWN: EngineFacts = { known: false, why: 'the cluster was not read from ARM' };

function ours(ipv6Pods = false): PolicyFacts {
  const m = restrictImdsPolicy('shop', engineTraits(UNKNOWN, ipv6Pods));
  return {
    namespace: 'shop',
    name: m.metadata.name,
    labels: m.metadata.labels,
    podSelector: m.spec.podSelector,
    policyTypes: m.spec.policyTypes,
    egress: m.spec.egress,
  };
}

const facts = (ipv6: boolean): ImdsFacts => ({
  engine: UNKNOWN,
  namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
  pods: [
    {
      namespace: 'shop',
      name: 'web-1',
      labels: { app: 'web' },
      hostNetwork: false,
      ...(ipv6 ? { ipv6: true as const } : {}),
    },
  ],
  policies: [],
});

describe('imds, engine unknown: the policy the step writes', () => {
  it('blocks 169.254.169.254:80 on every enforcing engine it may be, Azure NPM included', () => {
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
  });

  it('carries no ::/0 while no pod has an IPv6 address, and is offered as safe', () => {
    expect(
      ours()
        .egress!.flatMap((r) => r.to ?? [])
        .map((p) => p.ipBlock?.cidr),
    ).not.toContain('::/0');
    expect(policyNotes(engineTraits(UNKNOWN)).join('\n')).toContain('No ::/0 peer');
    expect(namespacePolicyCheck(facts(false), 'shop', engineTraits(UNKNOWN)).safe).toBe(true);
  });

  it('keeps ::/0 when pods have IPv6 addresses, says NPM would drop it, and is not offered', () => {
    const traits = engineTraits(UNKNOWN, ipv6PodsIn(facts(true).pods));
    expect(
      ours(true)
        .egress!.flatMap((r) => r.to ?? [])
        .map((p) => p.ipBlock?.cidr),
    ).toContain('::/0');
    expect(policyNotes(traits).join('\n')).toContain('if the engine is Azure NPM');
    const check = namespacePolicyCheck(facts(true), 'shop', traits);
    expect(check.safe).toBe(false);
    expect(check.why).toContain('if the engine is Azure NPM, it would not be in effect');
  });

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
