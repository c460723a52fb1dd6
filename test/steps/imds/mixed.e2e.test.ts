import { ApiException, NetworkingV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { imdsSession, type ImdsSession } from './harness.js';
import { viewText } from '../../../src/steps/contract/view.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('imds step on a Cilium dual-stack cluster with every verdict', () => {
  it('reports re-opening rules and partial isolation without widening them, and blocks the rest', async () => {
    const s = (session = await imdsSession('imds-mixed'));
    await s.host.open('imds');
    const state = s.state();
    expect(state.engine).toBe('network policy cilium, plugin azure, dataplane cilium, dual-stack');
    const row = (ns: string) => state.rows.find((r) => r.namespace === ns)!;
    expect(row('web')).toMatchObject({ verdict: 'exposed', action: 'create', chosen: true });
    expect(row('batch')).toMatchObject({ verdict: 'reopened', action: 'review' });
    expect(row('analytics')).toMatchObject({ verdict: 'partial', action: 'review' });
    expect(row('secure')).toMatchObject({ verdict: 'blocked', action: 'none' });
    expect(row('node-agents')).toMatchObject({ verdict: 'exposed', hostNetworkPods: 2 });

    const findings = s.store.getState().stepViews.imds?.findings ?? [];
    const reopen = findings.find((f) => f.id === 'imds.rule-reopens')!;
    expect(reopen.object).toEqual({
      kind: 'NetworkPolicy',
      namespace: 'batch',
      name: 'crawler-internet',
    });
    expect(reopen.message).toContain('spec.egress[1]');
    expect(reopen.message).toContain('TCP/80');
    const partial = findings.find((f) => f.id === 'imds.partial')!;
    expect(partial.message).toContain('app=dashboard (2 pods)');
    expect(findings.filter((f) => f.id === 'imds.host-network')).toHaveLength(1);
    // The fix to review: the offending rule with the except added.
    expect(viewText(row('batch').details)).toContain('- 169.254.169.254/32');

    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    expect(s.store.getState().confirmation?.details?.[0]).toBe(
      'Namespaces: default, node-agents, web',
    );
    s.store.answer(true);
    await sent;

    const api = s.connection.kc.makeApiClient(NetworkingV1Api);
    const ours = await api.readNamespacedNetworkPolicy({
      namespace: 'web',
      name: 'restrict-instance-metadata',
    });
    expect(ours.spec?.egress?.[0]?.to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
      { ipBlock: { cidr: '::/0' } },
      { namespaceSelector: {} },
      { podSelector: {} },
    ]);
    expect(
      (await s.policies()).filter((p) => p.startsWith('batch/') || p.startsWith('analytics/')),
    ).toEqual(['analytics/etl-egress', 'batch/crawler-internet', 'batch/default-deny-egress']);
    expect(s.state().rows.find((r) => r.namespace === 'batch')?.verdict).toBe('reopened');
  });

  it('the API server rejects the AKS article sample CIDR with its own message', async () => {
    const s = (session = await imdsSession('imds-mixed'));
    const api = s.connection.kc.makeApiClient(NetworkingV1Api);
    const sample = {
      metadata: { name: 'article-sample', namespace: 'web' },
      spec: {
        podSelector: { matchLabels: {} },
        policyTypes: ['Egress'],
        egress: [
          { to: [{ ipBlock: { cidr: '10.10.0.0/0#example', except: ['169.254.169.254/32'] } }] },
        ],
      },
    };
    const error = await api
      .createNamespacedNetworkPolicy({ namespace: 'web', body: sample, dryRun: 'All' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<string>).code).toBe(422);
    expect(String((error as ApiException<string>).body)).toContain(
      'spec.egress[0].to[0].ipBlock.cidr: Invalid value: \\"10.10.0.0/0#example\\": must be a valid CIDR value',
    );
  });
});

describe('imds step without the rights to change policies', () => {
  it('shows apply as unavailable with the reason', async () => {
    const s = (session = await imdsSession('limited-rights'));
    await s.host.open('imds');
    expect(s.state().apply?.unavailable).toMatch(/you may not create networkpolicies in default/);
    await s.host.send('imds', { type: 'action', key: 'a' });
    expect(s.store.getState().confirmation).toBeUndefined();
    expect(s.sim.log.entries.filter((e) => e.effect !== 'read')).toEqual([]);
  });
});

describe('editing a rule that re-opens the endpoint', () => {
  it('dry-runs the patch, asks, edits only that rule, and verifies the namespace blocked', async () => {
    const s = (session = await imdsSession('imds-mixed'));
    await s.host.open('imds');
    const before = s.sim.log.entries.length;
    const sent = s.host.send('imds', { type: 'fix', namespace: 'batch' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    expect(s.store.getState().confirmation?.change).toBe(
      'Edit NetworkPolicy batch/crawler-internet: stop its rules from allowing 169.254.169.254',
    );
    const patches = () =>
      s.sim.log.entries
        .slice(before)
        .filter((e) => e.method === 'PATCH')
        .map((e) => e.effect);
    expect(patches()).toEqual(['dry-run']);
    s.store.answer(true);
    await sent;
    expect(patches()).toEqual(['dry-run', 'write']);

    const api = s.connection.kc.makeApiClient(NetworkingV1Api);
    const edited = await api.readNamespacedNetworkPolicy({
      namespace: 'batch',
      name: 'crawler-internet',
    });
    expect(edited.spec?.egress).toEqual([
      { to: [{ namespaceSelector: {} }] },
      {
        to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.169.254/32'] } }],
        ports: [
          { protocol: 'TCP', port: 80 },
          { protocol: 'TCP', port: 443 },
        ],
      },
    ]);
    expect(s.state().rows.find((r) => r.namespace === 'batch')?.verdict).toBe('blocked');
    expect(s.store.getState().stepViews.imds?.result).toEqual(['✔ batch: verified blocked']);
  });
});
