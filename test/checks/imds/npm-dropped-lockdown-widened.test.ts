// On Azure NPM an operator's egress lockdown that also lists an IPv6 block is not installed (NPM
// drops a policy with a non-IPv4 ipBlock), so the namespace reads `exposed` and the step offers
// restrict-instance-metadata there, checked "safe" on NPM alone. The step's own findings then tell
// the operator that the lockdown is not in effect because of its IPv6 block, and that NPM is being
// retired (move to Cilium or Calico). Either way the lockdown comes into effect, and policies add
// up: the step's allow-all-but-metadata rule has silently widened it to every destination but
// 169.254.169.254. A change "may only remove reachability of 169.254.169.254 and must add
// nothing" (README); for this namespace the lockdown as written is the operator's intent.
// Spec: https://kubernetes.io/docs/concepts/services-networking/network-policies/ (policies are
// additive: "they do not conflict"); https://learn.microsoft.com/azure/aks/use-network-policies
// (Azure NPM retirement, migrate to Cilium).
import { describe, expect, it } from 'vitest';
import type { ImdsFacts } from '../../../src/checks/imds/assess.js';
import { assessImds } from '../../../src/checks/imds/assess.js';
import { engineTraits, type EngineFacts } from '../../../src/checks/imds/engine.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';
import { namespacePolicyCheck, targetedPolicies } from '../../../src/checks/imds/proposals.js';

const NPM: EngineFacts = {
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'azure',
  resourceGroup: 'rg',
  cluster: 'aks',
};

// Egress only to the company's private ranges, IPv4 and IPv6.
const lockdown: PolicyFacts = {
  namespace: 'shop',
  name: 'egress-lockdown',
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [
    {
      to: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { ipBlock: { cidr: 'fd00::/8' } }],
    },
  ],
};

const facts: ImdsFacts = {
  engine: NPM,
  namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
  pods: [{ namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false }],
  policies: [lockdown],
};

describe('imds on Azure NPM: an egress lockdown NPM drops for its IPv6 block', () => {
  it('is not widened by the namespace policy the step offers', () => {
    // The facts under test: NPM drops the lockdown, so the step offers its policy here.
    expect(assessImds(facts).namespaces[0]!.verdict.kind).toBe('exposed');
    // Correct: adding allow-all-but-metadata beside the lockdown widens it (to 1.1.1.1, say)
    // as soon as it is in effect, so the change is not offered as safe.
    expect(namespacePolicyCheck(facts, 'shop', engineTraits(NPM)).safe).toBe(false);
  });
});

const CALICO: EngineFacts = { ...NPM, networkPolicy: 'calico' };
const UNKNOWN: EngineFacts = { known: false, why: 'kubeconfig only' };

describe('the widening check against a policy the engine drops whole', () => {
  it('says why: the dropped lockdown, and what the change would allow beside it', () => {
    const check = namespacePolicyCheck(facts, 'shop', engineTraits(NPM));
    expect(check.why).toContain('egress-lockdown');
    expect(check.why).toContain('not in effect on Azure NPM');
    expect(check.why).toMatch(/once in effect .* it would newly allow /);
  });

  it('the same check on Calico, and with the engine unknown, refuses too (the lockdown is in effect there)', () => {
    for (const engine of [CALICO, UNKNOWN]) {
      const f = { ...facts, engine };
      expect(namespacePolicyCheck(f, 'shop', engineTraits(engine)).safe).toBe(false);
    }
  });

  it('a dropped policy that allows everything but the endpoint is not widened: offered', () => {
    // An IPv6-carrying allow-all-but-metadata of the operator's own: ours adds nothing to it.
    const allButImds: PolicyFacts = {
      ...lockdown,
      name: 'all-but-imds',
      egress: [
        {
          to: [
            { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
            { ipBlock: { cidr: '::/0' } },
          ],
        },
      ],
    };
    const f = { ...facts, policies: [allButImds] };
    expect(assessImds(f).namespaces[0]!.verdict.kind).toBe('exposed');
    expect(namespacePolicyCheck(f, 'shop', engineTraits(NPM)).safe).toBe(true);
  });

  it('a targeted policy for pods only a dropped lockdown selects is not offered either', () => {
    // web is selected by the dropped lockdown only; api by an IPv4 policy NPM installs.
    const webLockdown: PolicyFacts = { ...lockdown, podSelector: { matchLabels: { app: 'web' } } };
    const apiOut: PolicyFacts = {
      namespace: 'shop',
      name: 'api-out',
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
    };
    const f: ImdsFacts = {
      ...facts,
      pods: [
        ...facts.pods,
        { namespace: 'shop', name: 'api-1', labels: { app: 'api' }, hostNetwork: false },
      ],
      policies: [webLockdown, apiOut],
    };
    const verdict = assessImds(f).namespaces[0]!.verdict;
    expect(verdict.kind).toBe('partial');
    const fixes = targetedPolicies(verdict, f, engineTraits(NPM));
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes.every((x) => !x.offered)).toBe(true);
  });
});
