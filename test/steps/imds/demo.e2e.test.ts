import { afterEach, describe, expect, it } from 'vitest';
import { imdsSession, type ImdsSession } from './harness.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const verdicts = (s: ImdsSession) =>
  Object.fromEntries(
    s.state().rows.map((r) => [r.namespace, `${r.verdict}${r.chosen ? '' : ' (out)'}`]),
  );

const policyRequests = (s: ImdsSession, from: number) =>
  s.sim.log.entries
    .slice(from)
    .filter((e) => e.path.includes('/networkpolicies'))
    .filter((e) => e.method !== 'GET')
    .map((e) => `${e.method} ${e.effect} ${e.path.replace(/^\/apis\/networking.k8s.io\/v1/, '')}`);

describe('imds step on the demo cluster, end to end', () => {
  it('finds the exposed namespaces, applies after a dry run and a confirmation, verifies, rolls back', async () => {
    const s = (session = await imdsSession('demo'));
    await s.host.open('imds');
    expect(verdicts(s)).toMatchObject({
      default: 'exposed',
      monitoring: 'exposed',
      payments: 'blocked',
      shop: 'exposed',
      'kube-system': 'exposed (out)',
    });
    const findingIds = s.store.getState().stepViews.imds?.findings?.map((f) => f.id);
    expect(findingIds).toEqual([
      'imds.namespace-exposed',
      'imds.namespace-exposed',
      'imds.namespace-exposed',
    ]);
    expect(s.state().apply).toEqual({ unavailable: undefined });

    const before = s.sim.log.entries.length;
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    const confirmation = s.store.getState().confirmation!;
    expect(confirmation.cluster).toBe('aks-shop-prod');
    expect(confirmation.change).toContain('in 3 namespaces');
    expect(confirmation.details?.[0]).toBe('Namespaces: default, monitoring, shop');
    expect(confirmation.typed).toBeUndefined();
    // Before the answer: the three dry runs, and nothing else.
    expect(policyRequests(s, before)).toEqual([
      'POST dry-run /namespaces/default/networkpolicies',
      'POST dry-run /namespaces/monitoring/networkpolicies',
      'POST dry-run /namespaces/shop/networkpolicies',
    ]);
    s.store.answer(true);
    await sent;

    expect(policyRequests(s, before).slice(3)).toEqual([
      'POST write /namespaces/default/networkpolicies',
      'POST write /namespaces/monitoring/networkpolicies',
      'POST write /namespaces/shop/networkpolicies',
    ]);
    expect(await s.policies()).toEqual([
      'default/restrict-instance-metadata',
      'monitoring/restrict-instance-metadata',
      'payments/block-imds',
      'shop/restrict-instance-metadata',
    ]);
    expect(verdicts(s)).toMatchObject({
      default: 'blocked',
      monitoring: 'blocked',
      shop: 'blocked',
    });
    expect(s.store.getState().stepViews.imds?.result).toEqual([
      '✔ default: verified blocked',
      '✔ monitoring: verified blocked',
      '✔ shop: verified blocked',
    ]);
    expect(s.store.getState().steps.imds).toMatchObject({ kind: 'changed' });

    // A second run proposes nothing.
    expect(s.state().apply?.unavailable).toBe('no chosen namespace lacks egress isolation');

    const rolling = s.host.send('imds', { type: 'action', key: 'r' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the rollback confirmation');
    expect(s.store.getState().confirmation?.details).toEqual([
      'networkpolicy default/restrict-instance-metadata',
      'networkpolicy monitoring/restrict-instance-metadata',
      'networkpolicy shop/restrict-instance-metadata',
    ]);
    s.store.answer(true);
    await rolling;
    // Only ours are gone; the operator's own policy in payments stays.
    expect(await s.policies()).toEqual(['payments/block-imds']);
    expect(verdicts(s)).toMatchObject({ shop: 'exposed', payments: 'blocked' });

    const types = s.journalTypes();
    expect(types.filter((t) => t === 'intent')).toHaveLength(6);
    expect(types.filter((t) => t === 'result')).toHaveLength(6);
    expect(types.filter((t) => t === 'confirmation')).toHaveLength(2);
  });

  it('changes nothing when the operator cancels', async () => {
    const s = (session = await imdsSession('demo'));
    await s.host.open('imds');
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    s.store.answer(false);
    await sent;
    expect(s.sim.log.writes()).toEqual([]);
    expect(await s.policies()).toEqual(['payments/block-imds']);
    expect(s.store.getState().stepViews.imds?.result).toEqual(['Cancelled: nothing was changed.']);
  });

  it('excluding a namespace with a toggle keeps it out of the change', async () => {
    const s = (session = await imdsSession('demo'));
    await s.host.open('imds');
    await s.host.send('imds', { type: 'toggle', namespace: 'default' });
    await s.host.send('imds', { type: 'toggle', namespace: 'monitoring' });
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    expect(s.store.getState().confirmation?.details?.[0]).toBe('Namespaces: shop');
    s.store.answer(true);
    await sent;
    expect(await s.policies()).toEqual(['payments/block-imds', 'shop/restrict-instance-metadata']);
  });

  it('read-only: no action offered, and nothing but reads leaves', async () => {
    const s = (session = await imdsSession('demo', { readOnly: true }));
    await s.host.open('imds');
    expect(s.state().apply).toBeUndefined();
    expect(s.state().rollback).toBeUndefined();
    await s.host.send('imds', { type: 'action', key: 'a' });
    await s.host.send('imds', { type: 'action', key: 'r' });
    expect(s.store.getState().confirmation).toBeUndefined();
    expect(s.sim.log.entries.filter((e) => e.effect !== 'read')).toEqual([]);
  });

  it('dry-run: only server-side dry runs are sent, for apply and for rollback', async () => {
    const s = (session = await imdsSession('demo', { dryRun: true }));
    await s.host.open('imds');
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    // The same question as for real, after the server-side dry runs, marked as a dry run.
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    expect(s.store.getState().confirmation).toMatchObject({ dryRun: true });
    s.store.answer(true);
    await sent;
    expect(s.store.getState().stepViews.imds?.result).toEqual([
      'Dry run only: the API server accepted all 3 policies; nothing was created.',
    ]);
    const effects = new Set(s.sim.log.entries.map((e) => e.effect));
    expect(effects).toEqual(new Set(['read', 'dry-run']));
    expect(s.sim.log.entries.filter((e) => e.effect === 'dry-run')).toHaveLength(3);
    expect(await s.policies()).toEqual(['payments/block-imds']);
  });
});
