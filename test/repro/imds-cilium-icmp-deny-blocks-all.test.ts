import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../src/checks/imds/assess.js';

// Cilium policy language (docs.cilium.io/en/stable/security/policy/language/#icmp-icmpv6-layer-4-examples;
// api EgressDenyRule.ICMPs): a rule with `icmps` matches only those ICMP types to its peers.
// A CiliumNetworkPolicy that denies ping to `world` and allows `all` leaves TCP
// 169.254.169.254:80 open, but the step reads the deny as covering every port (it never looks at
// `icmps`) and passes the namespace as blocked with no finding at all.
it.fails(
  'a Cilium egressDeny of ICMP echo to world does not block TCP 80 on 169.254.169.254',
  () => {
    const facts: ImdsFacts = {
      engine: {
        known: true,
        networkPlugin: 'azure',
        networkPolicy: 'cilium',
        networkDataplane: 'cilium',
        resourceGroup: 'rg',
        cluster: 'aks',
      },
      enginePolicies: [
        {
          engine: 'cilium',
          kind: 'CiliumNetworkPolicy',
          apiVersion: 'cilium.io/v2',
          served: true,
          objects: [
            {
              namespace: 'shop',
              name: 'no-ping-out',
              spec: {
                endpointSelector: {},
                egress: [{ toEntities: ['all'] }],
                egressDeny: [
                  { toEntities: ['world'], icmps: [{ fields: [{ type: 8, family: 'IPv4' }] }] },
                ],
              },
            },
          ],
        },
      ],
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      pods: [
        {
          namespace: 'shop',
          name: 'web-1',
          labels: { app: 'web' },
          hostNetwork: false,
          ip: '10.244.0.5',
        },
      ],
      policies: [],
    };
    const a = assessImds(facts);
    const shop = a.namespaces[0]!.verdict;
    expect(shop.kind).not.toBe('blocked');
    expect(shop.reachable).toEqual(['web-1']);
    expect(a.findings.map((f) => f.id)).not.toEqual([]);
  },
);
