import { describe, expect, it } from 'vitest';
import { assessImds } from '../../src/checks/imds/assess.js';
import type { EngineFacts } from '../../src/checks/imds/engine.js';
import type { PolicyFacts } from '../../src/checks/imds/facts.js';

// Azure Network Policy Manager is IPv4 only (learn.microsoft.com/azure/aks/use-network-policies).
// Its translation refuses any ipBlock whose cidr is not IPv4 (azure-container-networking
// npm/pkg/controlplane/translation/translatePolicy.go ipBlockRule: !util.IsIPV4 ->
// ErrUnsupportedIPAddress), and the v2 controller then logs it and returns NoOp
// (controllers/v2/networkPolicyController.go syncAddAndUpdateNetPol): the WHOLE policy is never
// installed, so the pods it selects are not egress-isolated (kubernetes.io network-policies:
// a pod is isolated only by a policy that is in effect).
const NPM: EngineFacts = {
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'azure',
  resourceGroup: 'rg',
  cluster: 'aks',
};

describe('imds on Azure NPM: the only egress policy has a ::/0 ipBlock', () => {
  it.fails('is not judged blocked (NPM drops that policy, so pods reach 169.254.169.254)', () => {
    // The shape this step itself writes, and the one the project's reference recommends.
    const policy: PolicyFacts = {
      namespace: 'shop',
      name: 'no-metadata',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
            { ipBlock: { cidr: '::/0' } },
          ],
        },
      ],
    };
    const assessment = assessImds({
      engine: NPM,
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      pods: [{ namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false }],
      policies: [policy],
    });
    const verdict = assessment.namespaces.find((a) => a.verdict.namespace === 'shop')!.verdict;
    expect(verdict.kind).not.toBe('blocked');
  });
});
