// Applying again over policies that already exist: the same policy is adopted ("already in
// place"), never created twice; a same-named policy with other content is never overwritten.
import { NetworkingV1Api, type V1NetworkPolicy } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { imdsSession, type ImdsSession } from './harness.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const NAME = 'restrict-instance-metadata';

async function apply(s: ImdsSession, answer: boolean | undefined): Promise<void> {
  const sent = s.host.send('imds', { type: 'action', key: 'a' });
  if (answer !== undefined) {
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    s.store.answer(answer);
  }
  await sent;
}

async function rollback(s: ImdsSession): Promise<void> {
  const sent = s.host.send('imds', { type: 'action', key: 'r' });
  await s.until(() => s.store.getState().confirmation !== undefined, 'the rollback question');
  s.store.answer(true);
  await sent;
}

/** A copy of a stored policy for another namespace, as kubectl would create it. */
function copyFor(p: V1NetworkPolicy, namespace: string): V1NetworkPolicy {
  const { name, labels, annotations } = p.metadata!;
  return { metadata: { name, namespace, labels, annotations }, spec: p.spec };
}

describe('imds apply, run again over what exists', () => {
  it('adopts an identical policy made since the look; creates only the missing ones', async () => {
    const s = (session = await imdsSession('demo'));
    const api = s.connection.kc.makeApiClient(NetworkingV1Api);
    await s.host.open('imds');
    await apply(s, true);
    const ours = await api.readNamespacedNetworkPolicy({ namespace: 'default', name: NAME });
    await rollback(s);
    expect(await s.policies()).toEqual(['payments/block-imds']);

    // After the look, someone applies the very same policy in monitoring.
    await api.createNamespacedNetworkPolicy({
      namespace: 'monitoring',
      body: copyFor(ours, 'monitoring'),
    });
    await apply(s, true);
    const shown = s.store.getState().stepViews.imds;
    expect(shown?.progress?.join('\n')).toMatch(/already in place: monitoring/);
    expect(shown?.result).toEqual([
      '✔ default: verified blocked',
      '✔ monitoring: already in place, verified blocked',
      '✔ shop: verified blocked',
    ]);
    // One policy of ours per namespace, no second one anywhere.
    expect(await s.policies()).toEqual([
      `default/${NAME}`,
      `monitoring/${NAME}`,
      'payments/block-imds',
      `shop/${NAME}`,
    ]);
    const creates = s
      .journalLines()
      .filter((l) => l['type'] === 'intent' && l['action'] === 'create networkpolicy')
      .map((l) => String(l['target']));
    // Three from the first apply; the second journals monitoring's attempt, answered 409 and adopted.
    expect(creates.filter((t) => t.includes('/default/'))).toHaveLength(2);
    expect(creates.filter((t) => t.includes('/monitoring/'))).toHaveLength(2);
  });

  it('a same-named policy with other content is not overwritten: the dry run says what differs', async () => {
    const s = (session = await imdsSession('demo'));
    const api = s.connection.kc.makeApiClient(NetworkingV1Api);
    await s.host.open('imds');
    // After the look, someone makes a policy of that name in shop that allows all egress.
    await api.createNamespacedNetworkPolicy({
      namespace: 'shop',
      body: {
        metadata: { name: NAME, namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] },
      },
    });
    const before = s.sim.log.entries.length;
    await apply(s, undefined);
    expect(s.store.getState().confirmation).toBeUndefined();
    const result = s.store.getState().stepViews.imds?.result?.join('\n') ?? '';
    expect(result).toMatch(
      /shop: restrict-instance-metadata already exists and differs: it does not carry the labels of this tool.*its egress rules differ.*nothing was overwritten/,
    );
    expect(s.sim.log.entries.slice(before).filter((e) => e.effect === 'write')).toEqual([]);
    const kept = await api.readNamespacedNetworkPolicy({ namespace: 'shop', name: NAME });
    expect(kept.spec?.egress).toEqual([{}]);
    expect(await s.policies()).toEqual(['payments/block-imds', `shop/${NAME}`]);
  });

  it('rollback over a policy already deleted elsewhere says so and deletes the rest', async () => {
    const s = (session = await imdsSession('demo'));
    const api = s.connection.kc.makeApiClient(NetworkingV1Api);
    await s.host.open('imds');
    await apply(s, true);
    await api.deleteNamespacedNetworkPolicy({ namespace: 'default', name: NAME });
    await rollback(s);
    const shown = s.store.getState().stepViews.imds;
    expect(shown?.progress?.join('\n')).toMatch(new RegExp(`already gone: default/${NAME}`));
    expect(shown?.result?.[0]).toMatch(/^✔ Rolled back/);
    expect(await s.policies()).toEqual(['payments/block-imds']);
  });

  it('a rule fix already made with kubectl since the look: already in place, no patch', async () => {
    const s = (session = await imdsSession('imds-mixed'));
    const api = s.connection.kc.makeApiClient(NetworkingV1Api);
    await s.host.open('imds');
    const at = { namespace: 'batch', name: 'crawler-internet' };
    const live = await api.readNamespacedNetworkPolicy(at);
    await api.replaceNamespacedNetworkPolicy({
      ...at,
      body: {
        ...live,
        spec: {
          ...live.spec!,
          egress: [
            { to: [{ namespaceSelector: {} }] },
            {
              to: [
                { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.169.254/32'] } },
              ],
            },
          ],
        },
      },
    });
    const before = s.sim.log.entries.length;
    await s.host.send('imds', { type: 'fix', namespace: 'batch' });
    expect(s.store.getState().confirmation).toBeUndefined();
    expect(s.sim.log.entries.slice(before).filter((e) => e.effect !== 'read')).toEqual([]);
    expect(s.store.getState().stepViews.imds?.result).toEqual([
      '✔ Already in place: as stored now, crawler-internet no longer allows 169.254.169.254; nothing was sent.',
    ]);
    expect(s.state().rows.find((r) => r.namespace === 'batch')?.verdict).toBe('blocked');
  });
});
