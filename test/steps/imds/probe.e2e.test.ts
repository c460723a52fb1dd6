import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { imdsSession, type ImdsSession } from './harness.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function probe(s: ImdsSession): Promise<void> {
  const sent = s.host.send('imds', { type: 'action', key: 'p' });
  await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
  s.store.answer(true);
  await sent;
}

async function probePods(s: ImdsSession): Promise<string[]> {
  const pods = await s.connection.kc
    .makeApiClient(CoreV1Api)
    .listPodForAllNamespaces({ labelSelector: 'aks-runbook/probe=imds' });
  return pods.items.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`);
}

describe('proof by probing', () => {
  it('on --demo every probe agrees with the static verdict, and every probe pod is deleted', async () => {
    const s = (session = await imdsSession('demo'));
    await s.host.open('imds');
    const chosen = s
      .state()
      .rows.filter((r) => r.chosen)
      .map((r) => r.namespace);
    expect(chosen.length).toBeGreaterThan(1);
    expect(s.state().probe).toEqual({});
    const sent = s.host.send('imds', { type: 'action', key: 'p' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    const confirmation = s.store.getState().confirmation!;
    expect(confirmation).toMatchObject({ cluster: 'aks-shop-prod', typed: 'aks-shop-prod' });
    expect(confirmation.change).toContain('busybox:1.37');
    s.store.answer(true);
    await sent;

    const probes = s.state().probes ?? [];
    expect(probes.map((p) => p.namespace)).toEqual(chosen);
    expect(probes.every((p) => p.agree === true)).toBe(true);
    // The demo has exposed namespaces and one that blocks: both answers are exercised.
    expect(probes.some((p) => p.probe.kind === 'reachable')).toBe(true);
    expect(probes.some((p) => p.probe.kind === 'unreachable')).toBe(true);
    const result = s.store.getState().stepViews.imds?.result ?? [];
    expect(result[0]).toMatch(/^Probed \d+ namespaces; every probe pod was deleted:$/);
    expect(result.join('\n')).not.toContain('DISAGREE');
    expect(await probePods(s)).toEqual([]);
    const findings = s.store.getState().stepViews.imds?.findings ?? [];
    expect(findings.filter((f) => f.id.startsWith('imds.probe'))).toEqual([]);
    // Each pod's create and delete went through the journal: intent, then result.
    const types = s.journalTypes();
    expect(types.filter((t) => t === 'intent')).toHaveLength(2 * chosen.length);
    expect(types.filter((t) => t === 'result')).toHaveLength(2 * chosen.length);
  });

  it('a planted disagreement (a data plane that ignores except) is reported, never hidden', async () => {
    const s = (session = await imdsSession('imds-mixed', {}, { dataPlaneIgnoresExcept: true }));
    await s.host.open('imds');
    for (const row of s.state().rows.filter((r) => r.chosen && r.namespace !== 'secure'))
      await s.host.send('imds', { type: 'toggle', namespace: row.namespace });
    if (!s.state().rows.find((r) => r.namespace === 'secure')?.chosen)
      await s.host.send('imds', { type: 'toggle', namespace: 'secure' });
    expect(
      s
        .state()
        .rows.filter((r) => r.chosen)
        .map((r) => r.namespace),
    ).toEqual(['secure']);
    await probe(s);
    const [secure] = s.state().probes ?? [];
    expect(secure).toMatchObject({
      namespace: 'secure',
      static: { reachable: false, text: '✔ blocked' },
      probe: { kind: 'reachable' },
      agree: false,
    });
    const result = s.store.getState().stepViews.imds?.result ?? [];
    expect(result[0]).toBe('≠ 1 probe disagrees with the policies (see the findings):');
    expect(result[1]).toContain('≠ DISAGREE');
    const finding = (s.store.getState().stepViews.imds?.findings ?? []).find(
      (f) => f.id === 'imds.probe-disagrees',
    );
    expect(finding).toMatchObject({
      severity: 'high',
      object: { kind: 'Namespace', name: 'secure' },
    });
    expect(await probePods(s)).toEqual([]);
  });

  it('is not offered in read-only mode, and unavailable in a dry run', async () => {
    // Where p is not on offer, the exposure findings' caveat (the preview podLinkLocalAccess is
    // not read) says how to check by hand; where it is, it names p.
    const caveats = (x: ImdsSession): string[] =>
      (x.store.getState().stepViews.imds?.findings ?? [])
        .map((f) => f.remediation ?? '')
        .filter((r) => r.includes('podLinkLocalAccess'));
    const ro = (session = await imdsSession('demo', { readOnly: true }));
    await ro.host.open('imds');
    expect(ro.state().probe).toBeUndefined();
    await ro.host.send('imds', { type: 'action', key: 'p' });
    expect(ro.store.getState().confirmation).toBeUndefined();
    const roCaveats = caveats(ro);
    await ro.close();
    session = undefined;
    const dry = (session = await imdsSession('demo', { dryRun: true }));
    await dry.host.open('imds');
    expect(dry.state().probe).toEqual({ unavailable: 'a dry run cannot run a pod' });
    await dry.host.send('imds', { type: 'action', key: 'p' });
    expect(dry.store.getState().confirmation).toBeUndefined();
    expect(dry.sim.log.writes()).toEqual([]);
    for (const found of [roCaveats, caveats(dry)]) {
      expect(found.length).toBeGreaterThan(0);
      for (const r of found) {
        expect(r).not.toContain('(p on this step)');
        expect(r).toContain('kubectl run');
      }
    }
    await dry.close();
    session = undefined;
    const live = (session = await imdsSession('demo'));
    await live.host.open('imds');
    expect(caveats(live).length).toBeGreaterThan(0);
    for (const r of caveats(live)) expect(r).toContain('(p on this step)');
  });

  it('uses the image the operator names', async () => {
    const s = (session = await imdsSession('demo', {
      probeImage: 'registry.example/busybox:1.37',
    }));
    await s.host.open('imds');
    const sent = s.host.send('imds', { type: 'action', key: 'p' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    expect(s.store.getState().confirmation?.change).toContain('registry.example/busybox:1.37');
    s.store.answer(false);
    await sent;
    expect(s.store.getState().stepViews.imds?.result).toEqual(['Cancelled: no probe pod was run.']);
  });
});
