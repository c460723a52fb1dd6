import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { EngineFacts } from '../../../src/checks/imds/engine.js';
import { engineTraits } from '../../../src/checks/imds/engine.js';
import type { EngineKindRead } from '../../../src/checks/imds/engine-kinds.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';
import { checkChange } from '../../../src/checks/imds/fix-check.js';
import { applyEdit, policyEdit } from '../../../src/checks/imds/fixes.js';
import { namespacePolicyCheck } from '../../../src/checks/imds/proposals.js';
import { DATA_PLANES } from '../../../src/checks/netpol/dataplane.js';
import {
  CALICO as calico,
  CILIUM as cilium,
  NPM as npm,
  UNKNOWN_ENGINE as unknown,
} from './engines.js';

// Hand-written facts from the engines' documents:
// - Cilium (docs.cilium.io, security/policy/language, "Policy enforcement"): once a rule with
//   egress selects a pod it is in default deny at egress, and what it may reach is the union of
//   every allow, Cilium's and the NetworkPolicies'.
// - Calico (docs.tigera.io, reference/resources/networkpolicy "order"): NetworkPolicies sit at
//   order 1000 of the default tier; the first Allow or Deny decides; a packet no NetworkPolicy
//   allows goes on to the Calico policies ordered after them.
// A NetworkPolicy change is safe for a pod these hold only if no NetworkPolicy rule newly allows it
// anything: not being selected at all is no allow there, whatever Kubernetes alone would say.

const ciliumAllowList = (app: string): EngineKindRead => ({
  engine: 'cilium',
  kind: 'CiliumNetworkPolicy',
  apiVersion: 'cilium.io/v2',
  served: true,
  objects: [
    {
      namespace: 'shop',
      name: `${app}-allowlist`,
      spec: {
        endpointSelector: { matchLabels: { app } },
        egress: [{ toEndpoints: [{ matchLabels: { app: 'web' } }] }],
      },
    },
  ],
});

const calicoDenyInternal: EngineKindRead = {
  engine: 'calico',
  kind: 'NetworkPolicy',
  apiVersion: 'crd.projectcalico.org/v1',
  served: true,
  objects: [
    {
      namespace: 'shop',
      name: 'db-no-internal',
      spec: {
        selector: "app == 'db'",
        order: 2000,
        types: ['Egress'],
        egress: [{ action: 'Deny', destination: { nets: ['10.0.0.0/8'] } }, { action: 'Allow' }],
      },
    },
  ],
};

const globalDefaultDeny: EngineKindRead = {
  engine: 'calico',
  kind: 'GlobalNetworkPolicy',
  apiVersion: 'crd.projectcalico.org/v1',
  served: true,
  objects: [
    {
      name: 'default-deny',
      spec: {
        selector: "projectcalico.org/namespace not in {'kube-system'}",
        order: 2000,
        types: ['Egress'],
        egress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: [53] } }],
      },
    },
  ],
};

function facts(
  engine: EngineFacts,
  enginePolicies: EngineKindRead[],
  policies: PolicyFacts[] = [],
): ImdsFacts {
  return {
    engine,
    enginePolicies,
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [
      { namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false },
      { namespace: 'shop', name: 'db-1', labels: { app: 'db' }, hostNetwork: false },
    ],
    policies,
  };
}

/** A NetworkPolicy for app=db allowing all but the endpoint, as a targeted policy would. */
const allButImdsFor = (app: string): PolicyFacts => ({
  namespace: 'shop',
  name: `imds-${app}`,
  podSelector: { matchLabels: { app } },
  policyTypes: ['Egress'],
  egress: [
    {
      to: [
        { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
        { namespaceSelector: {} },
      ],
    },
  ],
});

describe('the change check judges NetworkPolicies with the engine’s own policies', () => {
  it('Cilium: a NetworkPolicy for a pod a Cilium allow-list holds adds to it: refused, naming it', () => {
    const check = checkChange(facts(cilium, [ciliumAllowList('db')]), 'shop', [
      allButImdsFor('db'),
    ]);
    expect(check.safe).toBe(false);
    expect(check.why).toContain('CiliumNetworkPolicy shop/db-allowlist');
    expect(check.why).toContain('pod db-1');
  });

  it('Cilium: the same policy is safe when the allow-list holds another pod only', () => {
    expect(
      checkChange(facts(cilium, [ciliumAllowList('batch')]), 'shop', [allButImdsFor('db')]).safe,
    ).toBe(true);
  });

  it('Cilium: a rule that leaves default deny off holds nothing', () => {
    const read: EngineKindRead = {
      engine: 'cilium',
      kind: 'CiliumNetworkPolicy',
      apiVersion: 'cilium.io/v2',
      served: true,
      objects: [
        {
          namespace: 'shop',
          name: 'db-extra',
          spec: {
            endpointSelector: { matchLabels: { app: 'db' } },
            enableDefaultDeny: { egress: false },
            egress: [{ toEndpoints: [{ matchLabels: { app: 'web' } }] }],
          },
        },
      ],
    };
    expect(checkChange(facts(cilium, [read]), 'shop', [allButImdsFor('db')]).safe).toBe(true);
  });

  it('Calico: a NetworkPolicy (order 1000) before a Calico Deny at 2000 is refused', () => {
    const check = checkChange(facts(calico, [calicoDenyInternal]), 'shop', [allButImdsFor('db')]);
    expect(check.safe).toBe(false);
    expect(check.why).toContain('NetworkPolicy shop/db-no-internal');
    expect(check.why).toContain('order 1000');
  });

  it('Calico: an edit that only takes the endpoint out of a rule stays offered for a held pod', () => {
    const open: PolicyFacts = {
      namespace: 'shop',
      name: 'db-out',
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
    };
    const f = facts(calico, [calicoDenyInternal], [open]);
    const edit = policyEdit(open, [DATA_PLANES.calico], { ipv6: true })!;
    expect(checkChange(f, 'shop', [applyEdit(open, edit)]).safe).toBe(true);
  });

  it('engine unknown: a Calico policy counts on the Calico plane (worst of planes)', () => {
    const f = facts(unknown, [globalDefaultDeny]);
    const check = namespacePolicyCheck(f, 'shop', engineTraits(unknown));
    expect(check.safe).toBe(false);
    expect(check.why).toContain('on Calico, GlobalNetworkPolicy default-deny');
    expect(assessImds(f).namespaces[0]!.engineHold).toContain('GlobalNetworkPolicy default-deny');
  });

  it('Azure NPM: Calico objects lying in the cluster enforce nothing, so nothing holds', () => {
    const f = facts(npm, [globalDefaultDeny]);
    expect(namespacePolicyCheck(f, 'shop', engineTraits(npm)).safe).toBe(true);
    expect(assessImds(f).namespaces[0]!.engineHold).toBeUndefined();
  });

  it('an engine policy kind not read: every change is refused, saying which kind', () => {
    const refused: EngineKindRead = {
      engine: 'cilium',
      kind: 'CiliumClusterwideNetworkPolicy',
      apiVersion: 'cilium.io/v2',
      unread: 'forbidden',
    };
    const f = facts(cilium, [refused]);
    const check = checkChange(f, 'shop', [allButImdsFor('db')]);
    expect(check.safe).toBe(false);
    expect(check.why).toContain('CiliumClusterwideNetworkPolicy (cilium.io/v2) could not be read');
    expect(assessImds(f).namespaces[0]!.engineHold).toContain('could not be read');
  });

  it('a kind of an engine the cluster does not run, unread, changes nothing', () => {
    const refused: EngineKindRead = {
      engine: 'cilium',
      kind: 'CiliumNetworkPolicy',
      apiVersion: 'cilium.io/v2',
      unread: 'forbidden',
    };
    expect(checkChange(facts(calico, [refused]), 'shop', [allButImdsFor('db')]).safe).toBe(true);
  });
});
