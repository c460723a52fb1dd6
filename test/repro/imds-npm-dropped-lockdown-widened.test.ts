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
import type { ImdsFacts } from '../../src/checks/imds/assess.js';
import { assessImds } from '../../src/checks/imds/assess.js';
import { engineTraits, type EngineFacts } from '../../src/checks/imds/engine.js';
import type { PolicyFacts } from '../../src/checks/imds/facts.js';
import { namespacePolicyCheck } from '../../src/checks/imds/proposals.js';

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
  it.fails('is not widened by the namespace policy the step offers', () => {
    // The facts under test: NPM drops the lockdown, so the step offers its policy here.
    expect(assessImds(facts).namespaces[0]!.verdict.kind).toBe('exposed');
    // Correct: adding allow-all-but-metadata beside the lockdown widens it (to 1.1.1.1, say)
    // as soon as it is in effect, so the change is not offered as safe.
    expect(namespacePolicyCheck(facts, 'shop', engineTraits(NPM)).safe).toBe(false);
  });
});
