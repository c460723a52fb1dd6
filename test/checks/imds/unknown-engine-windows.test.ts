import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import {
  engineTraits,
  windowsUnenforced,
  type EngineFacts,
} from '../../../src/checks/imds/engine.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';
import { buildRows } from '../../../src/steps/imds/rows.js';

// learn.microsoft.com/azure/aks/use-network-policies (engine table): Cilium enforces on Linux
// only; Azure NPM on Windows Server 2022 only as a preview, and refuses an ipBlock except there;
// Calico on Windows Server 2019 and 2022. README (imds): with the engine unknown the verdict is
// "each of the three engines, the most open verdict": Windows pods are held only if every engine
// the cluster may run holds them, so with the engine unknown (or a CNI of its own) they are not.

const UNKNOWN: EngineFacts = { known: false, why: 'no Azure access (kubeconfig only)' };
const OWN_CNI: EngineFacts = {
  known: true,
  networkPlugin: 'none',
  resourceGroup: 'rg',
  cluster: 'aks',
};
const CALICO: EngineFacts = {
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'calico',
  resourceGroup: 'rg',
  cluster: 'aks',
};

const blockImds: PolicyFacts = {
  namespace: 'shop',
  name: 'block-imds',
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [
    {
      to: [
        { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
        { namespaceSelector: {} },
      ],
    },
  ],
};

function facts(engine: EngineFacts, policies: PolicyFacts[]): ImdsFacts {
  return {
    engine,
    enginePolicies: [],
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [
      { namespace: 'shop', name: 'win-1', labels: { app: 'w' }, hostNetwork: false, windows: true },
      { namespace: 'shop', name: 'lin-1', labels: { app: 'l' }, hostNetwork: false },
    ],
    policies,
  };
}

describe('imds with the engine unknown: Windows pods', () => {
  it('with the engine unknown, Windows pods are not judged blocked by an except policy', () => {
    const a = assessImds(facts(UNKNOWN, [blockImds]));
    const shop = a.namespaces[0]!.verdict;
    expect(shop.windowsUnenforced?.pods).toEqual(['win-1']);
    const exposed = a.findings.filter((f) => f.id === 'imds.namespace-exposed');
    expect(exposed).toHaveLength(1);
    expect(exposed[0]!.message).toContain('win-1');
    expect(exposed[0]!.message).toContain('Cilium');
  });

  it('a cluster with a CNI of its own: the same worst case', () => {
    const a = assessImds(facts(OWN_CNI, [blockImds]));
    expect(a.namespaces[0]!.verdict.windowsUnenforced?.pods).toEqual(['win-1']);
    expect(a.findings.map((f) => f.id)).toContain('imds.namespace-exposed');
  });

  it('on Calico, known, they are held: no Windows finding', () => {
    const a = assessImds(facts(CALICO, [blockImds]));
    expect(a.namespaces[0]!.verdict.windowsUnenforced).toBeUndefined();
    expect(a.findings.map((f) => f.id)).toEqual([]);
  });

  it('the reason is given for an unknown engine and an own CNI, none for Calico', () => {
    expect(windowsUnenforced(UNKNOWN)).toMatch(/not known/);
    expect(windowsUnenforced(OWN_CNI)).toMatch(/own CNI/);
    expect(windowsUnenforced(CALICO)).toBeUndefined();
  });

  it('the row does not say blocked for them, and an open namespace gets no policy offered for them', () => {
    for (const policies of [[blockImds], []]) {
      const f = facts(UNKNOWN, policies);
      const [row] = buildRows(
        assessImds(f),
        new Map(),
        new Set(['shop']),
        new Map(),
        engineTraits(f.engine),
      );
      const text = row!.details.filter((d): d is string => typeof d === 'string').join('\n');
      expect(text).toContain('win-1');
      expect(row!.action).toBe('none');
    }
  });
});
