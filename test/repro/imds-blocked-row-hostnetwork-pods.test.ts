import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../src/checks/imds/assess.js';
import { engineTraits } from '../../src/checks/imds/engine.js';
import { buildRows } from '../../src/steps/imds/rows.js';

// kubernetes.io/docs/concepts/services-networking/network-policies/ ("Pod isolation"; hostNetwork
// pods): NetworkPolicy does not apply to pods with hostNetwork, so they reach 169.254.169.254
// whatever the policies say (the step's own imds.host-network finding says so). Yet the row of a
// namespace whose only pod is hostNetwork says "Blocked: every pod, now and later, is kept from
// 169.254.169.254:80", naming no exception: the operator reads a pass for a pod that is open.
it.fails(
  'the blocked row does not claim every pod is kept when a hostNetwork pod reaches the endpoint',
  () => {
    const facts: ImdsFacts = {
      engine: {
        known: true,
        networkPlugin: 'azure',
        networkPolicy: 'calico',
        resourceGroup: 'rg',
        cluster: 'aks',
      },
      enginePolicies: [],
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      pods: [{ namespace: 'shop', name: 'agent', labels: { app: 'agent' }, hostNetwork: true }],
      policies: [
        {
          namespace: 'shop',
          name: 'block-imds',
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
        },
      ],
    };
    const assessment = assessImds(facts);
    expect(assessment.findings.map((f) => f.id)).toEqual(['imds.host-network']);
    const [row] = buildRows(
      assessment,
      new Map(),
      new Set(['shop']),
      new Map(),
      engineTraits(facts.engine),
    );
    const text = row!.details.filter((d): d is string => typeof d === 'string').join('\n');
    expect(text).not.toContain('every pod, now and later, is kept');
  },
);
