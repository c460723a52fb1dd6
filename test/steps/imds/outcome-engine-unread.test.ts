import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits, type EngineFacts } from '../../../src/checks/imds/engine.js';
import type { EngineKindRead } from '../../../src/checks/imds/engine-kinds.js';
import { buildRows } from '../../../src/steps/imds/rows.js';
import { blockedOutcome } from '../../../src/steps/imds/outcome-words.js';
import { CALICO as calico, CILIUM as cilium } from '../../checks/imds/engines.js';

// Calico orders its own policies with the NetworkPolicies (order < 1000 decides first) and
// Cilium adds its allows to theirs (docs.tigera.io, policy "order"; docs.cilium.io, policy
// language): while their policies could not be read (imds.engine-policies-unread) a namespace the
// NetworkPolicies block is blocked by them alone, never "verified blocked".

function row(engine: EngineFacts, enginePolicies: EngineKindRead[] | undefined) {
  const facts: ImdsFacts = {
    engine,
    ...(enginePolicies ? { enginePolicies } : {}),
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [{ namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false }],
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
  const a = assessImds(facts);
  expect(a.namespaces[0]!.verdict.kind).toBe('blocked');
  return buildRows(a, new Map(), new Set(['shop']), new Map(), engineTraits(engine))[0]!;
}

const refused = (engine: 'calico' | 'cilium', kind: string): EngineKindRead => ({
  engine,
  kind,
  apiVersion: engine === 'calico' ? 'crd.projectcalico.org/v1' : 'cilium.io/v2',
  unread: 'forbidden',
});

describe('imds outcome while the engine’s own policies are unread', () => {
  it('Calico list refused: not "verified blocked"; the row and the outcome say what is not known', () => {
    const r = row(calico, [refused('calico', 'NetworkPolicy')]);
    const out = blockedOutcome('shop', r, 'created');
    expect(out).not.toContain('verified blocked');
    expect(out).toMatch(/^△ shop: created; blocked by the NetworkPolicies, not verified/);
    expect(out).toContain('Calico NetworkPolicy and GlobalNetworkPolicy');
    const text = r.details.filter((d): d is string => typeof d === 'string').join('\n');
    expect(text).toContain('Not verified');
  });

  it('Cilium kinds never read: the same', () => {
    const out = blockedOutcome('shop', row(cilium, undefined), 'rules edited');
    expect(out).not.toContain('verified blocked');
    expect(out).toContain('CiliumNetworkPolicy');
  });

  it('every kind read (or not served): verified blocked', () => {
    const read: EngineKindRead = {
      engine: 'calico',
      kind: 'NetworkPolicy',
      apiVersion: 'crd.projectcalico.org/v1',
      served: true,
      objects: [],
    };
    expect(blockedOutcome('shop', row(calico, [read]), 'created')).toBe('✔ shop: verified blocked');
  });
});
