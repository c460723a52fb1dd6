import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Header } from '../../screens/Header.js';
import { headerParts, partsWidth, type HeaderFacts } from '../../screens/header-parts.js';
import { displayWidth } from '../../src/model/text-cells.js';

const MODE = { readOnly: false, dryRun: false, demo: true };
const SUB = '1f3a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8';

function line(facts: HeaderFacts, width: number): string {
  return headerParts(facts, width)
    .map((p) => p.text)
    .join(' · ');
}

describe('header parts', () => {
  it('all of it when it fits', () => {
    expect(
      line(
        {
          cluster: 'aks-prod',
          operator: { name: 'alice@contoso.com', kind: 'user' },
          subscriptionName: 'Contoso Prod',
        },
        120,
      ),
    ).toBe('aks-runbook · aks-prod · alice@contoso.com · sub Contoso Prod');
  });

  it('at 80 columns less the badge: the kubeconfig entry, then the subscription id give way first', () => {
    const facts: HeaderFacts = {
      cluster: 'aks-shop-prod',
      operator: {
        name: 'operator@contoso.com',
        kind: 'kube-user',
        detail: 'kubeconfig clusterUser_rg-shop_aks-shop-prod',
      },
      subscriptionId: SUB,
    };
    expect(line(facts, 73)).toBe(
      'aks-runbook · aks-shop-prod · operator@contoso.com · sub 1f3a2b4c…',
    );
    expect(line(facts, 52)).toBe('aks-shop-prod · operator@contoso.com · sub 1f3a2b4c…');
  });

  it('never wider than asked, wide characters counted as two cells', () => {
    for (const width of [20, 40, 60, 79]) {
      const parts = headerParts(
        {
          cluster: 'クラスター-本番-東日本',
          operator: { name: '山田太郎@contoso.com', kind: 'user' },
          subscriptionName: '本番サブスクリプション',
          waiting: 'the API server is throttling (429): waiting 3 s before asking again',
        },
        width,
      );
      expect(partsWidth(parts)).toBeLessThanOrEqual(width);
      expect(displayWidth(parts.map((p) => p.text).join(' · '))).toBeLessThanOrEqual(width);
      expect(parts.find((p) => p.role === 'cluster')?.text).toBeTruthy();
    }
  });

  it('a hostile name is shown visibly, measured as shown', () => {
    const parts = headerParts(
      { cluster: 'evil\u001b[2Jname', operator: { name: 'x', kind: 'user' } },
      80,
    );
    expect(parts.find((p) => p.role === 'cluster')?.text).toBe('evil\\x1b[2Jname');
  });
});

describe('Header at 80 columns', () => {
  it('shows the cluster, who is signed in, the subscription and the badge on one line', () => {
    const { lastFrame } = render(
      <Box width={80}>
        <Header
          cluster="aks-shop-prod"
          mode={MODE}
          operator={{ operator: { name: 'operator@contoso.com', kind: 'user' } }}
          subscriptionId={SUB}
          width={80}
        />
      </Box>,
    );
    const frame = lastFrame() ?? '';
    expect(frame.split('\n')).toHaveLength(1);
    expect(frame).toContain('aks-shop-prod · operator@contoso.com · sub 1f3a2b4c…');
    expect(frame).toContain('[DEMO]');
    expect(displayWidth(frame)).toBeLessThanOrEqual(80);
  });
});
