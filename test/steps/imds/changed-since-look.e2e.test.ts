// The namespace-wide policy is checked against the namespace's policies as they are when it is
// sent, not only as the look saw them: an egress policy made since then would be widened by it
// (policies add up, so allow-all-but-metadata undoes a deny-all for the pods it selects).
import { NetworkingV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { imdsSession, type ImdsSession } from './harness.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const NAME = 'restrict-instance-metadata';

/** shop's egress isolated by someone else: only DNS may leave (under `name`, with `labels`). */
async function dnsOnly(
  s: ImdsSession,
  name = 'dns-only',
  labels?: Record<string, string>,
): Promise<void> {
  await s.connection.kc.makeApiClient(NetworkingV1Api).createNamespacedNetworkPolicy({
    namespace: 'shop',
    body: {
      metadata: { name, namespace: 'shop', ...(labels ? { labels } : {}) },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
      },
    },
  });
}

describe('imds apply after the namespace changed since the look', () => {
  it('a deny-all made before the apply: the dry run refuses, nothing is asked or created', async () => {
    const s = (session = await imdsSession('demo'));
    await s.host.open('imds');
    expect(s.state().rows?.find((r) => r.namespace === 'shop')?.action).toBe('create');
    await dnsOnly(s);
    await s.host.send('imds', { type: 'action', key: 'a' });
    expect(s.store.getState().confirmation).toBeUndefined();
    const result = s.store.getState().stepViews.imds?.result?.join('\n') ?? '';
    expect(result).toMatch(
      /shop: not created: its NetworkPolicies changed since the look.*would newly allow/,
    );
    expect(await s.policies()).toEqual(['payments/block-imds', 'shop/dns-only']);
  });

  it('a deny-all made while the question is open: that namespace is not created', async () => {
    const s = (session = await imdsSession('demo'));
    await s.host.open('imds');
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    await dnsOnly(s);
    s.store.answer(true);
    await sent;
    const result = s.store.getState().stepViews.imds?.result?.join('\n') ?? '';
    expect(result).toMatch(
      /shop: not created: its NetworkPolicies changed since the look.*would newly allow/,
    );
    expect(await s.policies()).not.toContain(`shop/${NAME}`);
    expect(await s.policies()).toContain('shop/dns-only');
  });

  // Copied from YAML this tool prints, labels and all: a deny-all still isolates shop's pods,
  // under any name (under ours, with another spec, it is not ours to leave out either).
  const OURS = { 'app.kubernetes.io/managed-by': 'aks-runbook', 'aks-runbook/step': 'imds' };
  for (const name of ['copied-deny', NAME])
    it(`a deny-all carrying this tool's labels (${name}) made before the apply is counted`, async () => {
      const s = (session = await imdsSession('demo'));
      await s.host.open('imds');
      expect(s.state().rows?.find((r) => r.namespace === 'shop')?.action).toBe('create');
      await dnsOnly(s, name, OURS);
      await s.host.send('imds', { type: 'action', key: 'a' });
      expect(s.store.getState().confirmation).toBeUndefined();
      const result = s.store.getState().stepViews.imds?.result?.join('\n') ?? '';
      expect(result).toMatch(
        /shop: not created: its NetworkPolicies changed since the look.*would newly allow/,
      );
      expect(await s.policies()).toEqual(['payments/block-imds', `shop/${name}`]);
    });
});
