// What a namespace row says it could not see: the AKS preview IMDS restriction.
import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits } from '../../../src/checks/imds/engine.js';
import { viewText } from '../../../src/steps/contract/view.js';
import { buildRows } from '../../../src/steps/imds/rows.js';

const facts: ImdsFacts = {
  engine: { known: true, resourceGroup: 'rg', cluster: 'aks', networkPolicy: 'calico' },
  namespaces: ['shop', 'safe'].map((name) => ({ name, labels: {} })),
  pods: ['shop', 'safe'].map((namespace) => ({
    namespace,
    name: 'p',
    labels: {},
    hostNetwork: false,
  })),
  policies: [
    {
      namespace: 'safe',
      name: 'block',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
    },
  ],
};

describe('namespace rows', () => {
  it('an exposed namespace says the preview podLinkLocalAccess restriction is not read', () => {
    // networkProfile.podLinkLocalAccess is only in preview api-versions (2024-04-02-preview on);
    // the tool reads the stable one, so the verdict cannot account for it: the row says so.
    const rows = buildRows(
      assessImds(facts),
      new Map(),
      new Set(['shop']),
      new Map(),
      engineTraits(facts.engine),
    );
    const shop = rows.find((r) => r.namespace === 'shop')!;
    const safe = rows.find((r) => r.namespace === 'safe')!;
    expect(shop.verdict).toBe('exposed');
    expect(viewText(shop.details)).toContain('podLinkLocalAccess');
    expect(viewText(shop.details)).toContain('a probe (p)');
    expect(safe.verdict).toBe('blocked');
    expect(viewText(safe.details)).not.toContain('podLinkLocalAccess');
  });
});
