// Rollback deletes a policy only as it was read: one replaced or edited between the look and the
// answer is kept (DeleteOptions.preconditions: uid and resourceVersion, a 409 otherwise,
// https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/delete-options/).
import { afterEach, describe, expect, it } from 'vitest';
import {
  createNetworkPolicy,
  deleteNetworkPolicy,
  readNetworkPolicy,
} from '../../../src/kube/network-policies.js';
import { imdsSession, type ImdsSession } from './harness.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('imds rollback of a policy changed since the look', () => {
  it('keeps a policy replaced after the look (same name and spec, another object)', async () => {
    const s = (session = await imdsSession('demo'));
    await s.host.open('imds');
    const applied = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the apply confirmation');
    s.store.answer(true);
    await applied;

    const rolling = s.host.send('imds', { type: 'action', key: 'r' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the rollback confirmation');
    // Someone re-creates shop's policy while the question is open (say a GitOps sync).
    const { kc } = s.connection;
    const at = { namespace: 'shop', name: 'restrict-instance-metadata' };
    const read = await readNetworkPolicy(kc, at);
    await deleteNetworkPolicy(kc, at);
    const { uid: _uid, resourceVersion: _rv, ...meta } = read.metadata!;
    await createNetworkPolicy(kc, { ...read, metadata: meta }, { dryRun: false });
    s.store.answer(true);
    await rolling;

    expect(await s.policies()).toContain('shop/restrict-instance-metadata');
    const result = (s.store.getState().stepViews.imds?.result ?? []).join('\n');
    expect(result).toContain('shop/restrict-instance-metadata changed since the look');
    const deletes = s.sim.log.entries.filter(
      (e) =>
        e.method === 'DELETE' &&
        e.path.endsWith('/shop/networkpolicies/restrict-instance-metadata'),
    );
    expect(deletes.map((e) => e.status)).toEqual([200, 409]);
  });
});
