// What a namespace row says it could not see: the AKS preview IMDS restriction.
import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits } from '../../../src/checks/imds/engine.js';
import { viewText } from '../../../src/steps/contract/view.js';
import { buildRows } from '../../../src/steps/imds/rows.js';

const NAMESPACES = ['shop', 'safe', 'half', 'open'];
const facts: ImdsFacts = {
  engine: { known: true, resourceGroup: 'rg', cluster: 'aks', networkPolicy: 'calico' },
  // Read, and none there: these tests are not about Calico's own policy kinds.
  enginePolicies: [],
  namespaces: NAMESPACES.map((name) => ({ name, labels: {} })),
  pods: NAMESPACES.flatMap((namespace) =>
    ['a', 'b'].map((app) => ({ namespace, name: app, labels: { app }, hostNetwork: false })),
  ),
  policies: [
    // half: only app=a is isolated (partial); open: a rule allows everywhere (reopened).
    {
      namespace: 'half',
      name: 'only-a',
      podSelector: { matchLabels: { app: 'a' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
    },
    {
      namespace: 'open',
      name: 'anywhere',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
    },
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
  it("write a row's details when first read, once, and show them to a copy of the row too", () => {
    const rows = buildRows(
      assessImds(facts),
      new Map(),
      new Set(),
      new Map(),
      engineTraits(facts.engine),
    );
    const shop = rows.find((r) => r.namespace === 'shop')!;
    expect(typeof Object.getOwnPropertyDescriptor(shop, 'details')?.get).toBe('function');
    expect(shop.details).toBe(shop.details);
    expect({ ...shop }.details).toEqual(shop.details);
    expect((JSON.parse(JSON.stringify(shop)) as typeof shop).details).toEqual(shop.details);
  });

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
    expect(safe.verdict).toBe('blocked');
    expect(viewText(safe.details)).not.toContain('podLinkLocalAccess');
  });

  it('every verdict reporting exposure carries the caveat, in details and findings; p only when offered', () => {
    const assessment = assessImds(facts);
    for (const probe of [false, true]) {
      const rows = buildRows(
        assessment,
        new Map(),
        new Set(NAMESPACES),
        new Map(),
        engineTraits(facts.engine),
        probe,
      );
      const kinds = Object.fromEntries(rows.map((r) => [r.namespace, r.verdict]));
      expect(kinds).toEqual({
        half: 'partial',
        open: 'reopened',
        safe: 'blocked',
        shop: 'exposed',
      });
      for (const row of rows.filter((r) => r.verdict !== 'blocked')) {
        const texts = [viewText(row.details), ...row.findings.map((f) => f.remediation ?? '')];
        expect(row.findings.length, row.namespace).toBeGreaterThan(0);
        for (const text of texts) {
          expect(text, row.namespace).toContain('podLinkLocalAccess');
          // The probe (p) exists only outside read-only and dry-run: else, how to check by hand.
          if (probe) expect(text, row.namespace).toContain('(p on this step)');
          else {
            expect(text, row.namespace).not.toMatch(/\(p\b/);
            expect(text, row.namespace).toContain('2024-04-02-preview');
          }
        }
      }
    }
    // The audit's findings (no probe there) say it too, with their ids unchanged.
    const audit = assessment.findings.filter((f) => f.id !== 'imds.host-network');
    expect(new Set(audit.map((f) => f.id))).toEqual(
      new Set(['imds.namespace-exposed', 'imds.partial', 'imds.rule-reopens']),
    );
    for (const f of audit) expect(f.remediation, f.id).toContain('kubectl run');
  });

  it('a blocked row under an unknown engine says it is blocked only if an engine enforces it', () => {
    const unknown: ImdsFacts = { ...facts, engine: { known: false, why: 'Azure was not read' } };
    const rows = (f: ImdsFacts) =>
      buildRows(assessImds(f), new Map(), new Set(), new Map(), engineTraits(f.engine));
    const safe = rows(unknown).find((r) => r.namespace === 'safe')!;
    expect(safe).toMatchObject({ verdict: 'blocked', enforced: undefined });
    expect(viewText(safe.details)).toContain('Blocked only if an engine enforces NetworkPolicies');
    const known = rows(facts).find((r) => r.namespace === 'safe')!;
    expect(viewText(known.details)).toContain('Blocked: every pod, now and later');
  });
});
