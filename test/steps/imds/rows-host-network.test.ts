import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits, type EngineFacts } from '../../../src/checks/imds/engine.js';
import type { PodFacts } from '../../../src/checks/imds/facts.js';
import { buildRows } from '../../../src/steps/imds/rows.js';

// kubernetes.io/docs/concepts/services-networking/network-policies/ ("Pod isolation"; hostNetwork
// pods): NetworkPolicy does not apply to pods with hostNetwork, so they reach 169.254.169.254
// whatever the policies say (the step's own imds.host-network finding says so). A blocked row
// must not claim "every pod" then: it names those pods as the exception.

const CALICO: EngineFacts = {
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'calico',
  resourceGroup: 'rg',
  cluster: 'aks',
};

function rowText(pods: PodFacts[], engine: EngineFacts = CALICO): string {
  const facts: ImdsFacts = {
    engine,
    enginePolicies: [],
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods,
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
  expect(assessment.namespaces[0]!.verdict.kind).toBe('blocked');
  const [row] = buildRows(
    assessment,
    new Map(),
    new Set(['shop']),
    new Map(),
    engineTraits(facts.engine),
  );
  return row!.details.filter((d): d is string => typeof d === 'string').join('\n');
}

const agent: PodFacts = {
  namespace: 'shop',
  name: 'agent',
  labels: { app: 'agent' },
  hostNetwork: true,
};
const web: PodFacts = {
  namespace: 'shop',
  name: 'web-1',
  labels: { app: 'web' },
  hostNetwork: false,
};

describe('imds rows: hostNetwork pods in a blocked namespace', () => {
  it('the blocked row does not claim every pod is kept when a hostNetwork pod reaches the endpoint', () => {
    const text = rowText([agent]);
    expect(text).not.toContain('every pod, now and later, is kept');
    expect(text).toContain('Not agent:');
    expect(text).toContain('hostNetwork');
  });

  it('beside pod-network pods: blocked for those, agent named as the exception', () => {
    const text = rowText([web, agent, { ...agent, name: 'agent-2' }]);
    expect(text).toContain('Blocked: every pod on the pod network, now and later');
    expect(text).toContain('Not agent, agent-2: they use');
  });

  it('the engine unknown: the same exception', () => {
    const text = rowText([agent], { known: false, why: 'kubeconfig only' });
    expect(text).toContain('Blocked only if an engine enforces');
    expect(text).not.toContain('every pod, now and later');
    expect(text).toContain('Not agent:');
  });

  it('no hostNetwork pod: every pod, as before', () => {
    const text = rowText([web]);
    expect(text).toContain('Blocked: every pod, now and later, is kept from 169.254.169.254:80.');
    expect(text).not.toContain('hostNetwork');
  });

  it('no engine at all: the row does not say blocked', () => {
    const text = rowText([web], {
      known: true,
      networkPlugin: 'kubenet',
      networkPolicy: 'none',
      resourceGroup: 'rg',
      cluster: 'aks',
    });
    expect(text).not.toContain('Blocked:');
    expect(text).toContain('Not blocked: nothing enforces the policies');
  });
});
