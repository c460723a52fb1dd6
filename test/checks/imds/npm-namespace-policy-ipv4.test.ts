import { describe, expect, it } from 'vitest';
import { engineTraits, type EngineFacts } from '../../../src/checks/imds/engine.js';
import { madeByThisStep } from '../../../src/checks/imds/ours.js';
import { policyNotes, restrictImdsPolicy } from '../../../src/checks/imds/policy.js';
import { OUR_LABELS, type PolicyFacts } from '../../../src/checks/imds/facts.js';

// Azure Network Policy Manager refuses to translate a NetworkPolicy with any non-IPv4 ipBlock
// cidr (azure-container-networking translatePolicy.go ipBlockRule -> ErrUnsupportedIPAddress)
// and then installs none of it (controllers/v2/networkPolicyController.go: logged, NoOp). The
// policy this step created always carried `::/0`, so on an NPM cluster it was stored but never
// enforced: the metadata endpoint stayed open while the step reported the namespace fixed.
// (learn.microsoft.com/azure/aks/use-network-policies: Azure NPM supports IPv4 only.)
const engine = (networkPolicy: string, extra: Partial<EngineFacts> = {}): EngineFacts =>
  ({
    known: true,
    networkPlugin: 'azure',
    networkPolicy,
    resourceGroup: 'rg',
    cluster: 'aks',
    ...extra,
  }) as EngineFacts;

const cidrs = (traits: ReturnType<typeof engineTraits>) =>
  restrictImdsPolicy('shop', traits)
    .spec.egress.flatMap((r) => r.to)
    .map((p) => p.ipBlock?.cidr);

describe('the restrict-instance-metadata policy on an Azure NPM cluster', () => {
  it('carries no IPv6 ipBlock, which NPM cannot translate', () => {
    const traits = engineTraits(engine('azure'));
    const peers = restrictImdsPolicy('shop', traits).spec.egress.flatMap((r) => r.to);
    expect(peers.map((p) => p.ipBlock?.cidr).filter((c) => c?.includes(':'))).toEqual([]);
    expect(policyNotes(traits).join('\n')).toContain('No ::/0 peer');
    expect(policyNotes(traits).join('\n')).not.toContain('::/0 keeps IPv6');
  });

  it('keeps ::/0 on Calico, on Cilium (also under an azure policy name)', () => {
    expect(cidrs(engineTraits(engine('calico')))).toContain('::/0');
    expect(cidrs(engineTraits(engine('azure', { networkDataplane: 'cilium' })))).toContain('::/0');
  });

  // An unknown engine may be NPM, which would drop the whole policy for its ::/0: the peer is
  // written only when pods have IPv6 addresses (leaving it out would cut their IPv6 egress), and
  // then the check refuses the policy (see unknown-engine-namespace-policy.test.ts).
  it('leaves ::/0 out on unknown engines unless pods have IPv6 addresses', () => {
    expect(cidrs(engineTraits({ known: false, why: 'not read' }))).not.toContain('::/0');
    expect(cidrs(engineTraits({ known: false, why: 'not read' }, true))).toContain('::/0');
  });

  it('is recognised as ours by rollback in every shape the step writes or wrote', () => {
    const asStored = (spec: { egress: PolicyFacts['egress'] }): PolicyFacts => ({
      namespace: 'shop',
      name: 'restrict-instance-metadata',
      labels: { ...OUR_LABELS },
      podSelector: {},
      policyTypes: ['Egress'],
      egress: spec.egress,
    });
    for (const e of [engine('azure'), engine('calico'), engine('cilium')])
      expect(madeByThisStep(asStored(restrictImdsPolicy('shop', engineTraits(e)).spec))).toBe(true);
    // Written by versions before the IPv6 peer was always added: IPv4 only, with Cilium's peers.
    const old = [
      { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
      { namespaceSelector: {} },
      { podSelector: {} },
    ];
    expect(madeByThisStep(asStored({ egress: [{ to: old }] }))).toBe(true);
  });
});
