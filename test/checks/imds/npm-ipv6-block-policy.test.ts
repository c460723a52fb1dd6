import { describe, expect, it } from 'vitest';
import { assessImds } from '../../../src/checks/imds/assess.js';
import type { EngineFacts } from '../../../src/checks/imds/engine.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';
import { DATA_PLANES } from '../../../src/checks/netpol/dataplane.js';
import { Reachability } from '../../../src/checks/netpol/reach.js';

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
  it('is not judged blocked (NPM drops that policy, so pods reach 169.254.169.254)', () => {
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

const CALICO: EngineFacts = { ...NPM, networkPolicy: 'calico' };

function shopVerdict(engine: EngineFacts, policies: PolicyFacts[]) {
  const assessment = assessImds({
    engine,
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [{ namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false }],
    policies,
  });
  return {
    verdict: assessment.namespaces.find((a) => a.verdict.namespace === 'shop')!.verdict,
    messages: assessment.findings.map((f) => f.message),
  };
}

const denyAll = (name: string, cidr?: string): PolicyFacts => ({
  namespace: 'shop',
  name,
  podSelector: {},
  policyTypes: ['Egress'],
  egress: cidr ? [{ to: [{ ipBlock: { cidr } }], ports: [{ port: 443 }] }] : [],
});

describe('policies NPM drops whole', () => {
  it('are named, with the reason, in the finding of the namespace', () => {
    const { verdict, messages } = shopVerdict(NPM, [denyAll('v6-out', '2001:db8::/32')]);
    expect(verdict.kind).toBe('exposed');
    expect(verdict.ignored?.map((i) => i.policy)).toEqual(['v6-out']);
    expect(messages.join('\n')).toMatch(/v6-out \(its ipBlock 2001:db8::\/32 is not IPv4/);
  });

  it('leave the other policies in effect: an IPv4-only deny still blocks', () => {
    const { verdict } = shopVerdict(NPM, [denyAll('deny'), denyAll('v6-out', '::/0')]);
    expect(verdict.kind).toBe('blocked');
    expect(verdict.ignored?.map((i) => i.policy)).toEqual(['v6-out']);
  });

  it('an IPv4-mapped IPv6 block counts as not IPv4 too', () => {
    expect(shopVerdict(NPM, [denyAll('mapped', '::ffff:10.0.0.0/104')]).verdict.kind).toBe(
      'exposed',
    );
  });

  it('an IPv4-only policy on NPM, and the IPv6 one on Calico, are in effect', () => {
    expect(shopVerdict(NPM, [denyAll('v4-out', '10.0.0.0/8')]).verdict.kind).toBe('blocked');
    const calico = shopVerdict(CALICO, [denyAll('v6-out', '::/0')]);
    expect(calico.verdict.kind).toBe('blocked');
    expect(calico.verdict.ignored).toBeUndefined();
  });

  it('isolate nothing in the reachability evaluator on NPM (ingress too)', () => {
    const policy: PolicyFacts = {
      namespace: 'shop',
      name: 'in-v6',
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ ipBlock: { cidr: 'fd00::/8' } }] }],
    };
    const world = {
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      policies: [policy],
    };
    const pod = { namespace: 'shop', labels: { app: 'web' } };
    const out = { kind: 'address' as const, address: '1.1.1.1' };
    const tcp = { protocol: 'TCP' as const, port: 443 };
    expect(new Reachability(world, DATA_PLANES['azure-npm']).egress(pod, out, tcp).isolated).toBe(
      false,
    );
    expect(new Reachability(world, DATA_PLANES.calico).egress(pod, out, tcp).isolated).toBe(true);
  });
});
