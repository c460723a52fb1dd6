// AAD Pod Identity's NMI redirects pods' connections to 169.254.169.254:80 to itself on the node
// before a NetworkPolicy engine judges them (azure.github.io/aad-pod-identity/docs/concepts/nmi),
// so a namespace whose policies except the endpoint is not blocked while NMI runs.
import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { isNmiPod } from '../../../src/checks/imds/pod-identity.js';

const blocking = {
  namespace: 'shop',
  name: 'block',
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
};

const base: ImdsFacts = {
  engine: { known: true, resourceGroup: 'rg', cluster: 'aks', networkPolicy: 'calico' },
  namespaces: [{ name: 'shop', labels: {} }],
  pods: [
    { namespace: 'shop', name: 'web-1', labels: {}, hostNetwork: false, hostIP: '10.0.0.4' },
    { namespace: 'shop', name: 'web-2', labels: {}, hostNetwork: false, hostIP: '10.0.0.5' },
  ],
  policies: [blocking],
  // Calico's own policy kinds read, none there: only NetworkPolicies decide.
  enginePolicies: [],
};

const shopOf = (facts: ImdsFacts) => {
  const a = assessImds(facts);
  return {
    verdict: a.namespaces.find((n) => n.verdict.namespace === 'shop')!.verdict,
    ids: a.findings.map((f) => f.id),
    nmi: a.findings.find((f) => f.id === 'imds.pod-identity-nmi'),
  };
};

describe('imds: AAD Pod Identity NMI', () => {
  it('without NMI, a namespace whose policies except the endpoint stays blocked, no finding', () => {
    for (const podIdentity of [undefined, { nmiPods: [], addon: false }]) {
      const shop = shopOf({ ...base, ...(podIdentity ? { podIdentity } : {}) });
      expect(shop.verdict.kind).toBe('blocked');
      expect(shop.verdict.intercepted).toBeUndefined();
      expect(shop.ids).toEqual([]);
    }
  });

  it('with NMI on a node, the namespace is reported, naming the pods on that node only', () => {
    const shop = shopOf({
      ...base,
      podIdentity: { nmiPods: [{ pod: 'kube-system/nmi-abc', hostIP: '10.0.0.4' }], addon: false },
    });
    expect(shop.verdict.kind).toBe('blocked'); // by the policies alone
    expect(shop.verdict.intercepted).toEqual({
      pods: ['web-1'],
      by: 'NMI pod kube-system/nmi-abc',
    });
    expect(shop.nmi).toMatchObject({
      severity: 'high',
      object: { kind: 'Namespace', name: 'shop' },
    });
    expect(shop.nmi!.message).toContain('web-1');
    expect(shop.nmi!.message).not.toContain('web-2');
    expect(shop.nmi!.remediation).toContain('Workload ID');
  });

  it('the AKS add-on (podIdentityProfile.enabled) alone counts every Linux pod, not Windows ones', () => {
    const shop = shopOf({
      ...base,
      pods: [
        ...base.pods,
        { namespace: 'shop', name: 'win', labels: {}, hostNetwork: false, windows: true },
      ],
      podIdentity: { nmiPods: [], addon: true },
    });
    expect(shop.verdict.intercepted?.pods).toEqual(['web-1', 'web-2']);
    expect(shop.nmi!.message).toContain('podIdentityProfile.enabled');
  });

  it('an exposed namespace, or one with no engine, keeps its own finding and gets no second one', () => {
    const podIdentity = { nmiPods: [{ pod: 'kube-system/nmi-abc' }], addon: false };
    const exposed = shopOf({ ...base, policies: [], podIdentity });
    expect(exposed.ids).toEqual(['imds.namespace-exposed']);
    const inert = shopOf({
      ...base,
      engine: { known: true, resourceGroup: 'rg', cluster: 'aks', networkPolicy: 'none' },
      podIdentity,
    });
    expect(inert.ids).not.toContain('imds.pod-identity-nmi');
  });

  it('an NMI pod is a running hostNetwork pod with a container named nmi', () => {
    const nmi = { hostNetwork: true, containers: [{ name: 'nmi' }], phase: 'Running' };
    expect(isNmiPod(nmi)).toBe(true);
    expect(isNmiPod({ ...nmi, hostNetwork: false })).toBe(false);
    expect(isNmiPod({ ...nmi, containers: [{ name: 'mic' }] })).toBe(false);
    expect(isNmiPod({ ...nmi, phase: 'Succeeded' })).toBe(false);
  });
});
