import { afterEach, describe, expect, it } from 'vitest';
import { imdsSession, type ImdsSession } from './harness.js';
import { viewText } from '../../../src/steps/contract/view.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** The `findings` notes the journal holds for the step (the transcript is built from them). */
function findingNotes(s: ImdsSession): number[] {
  return s
    .journalLines()
    .filter((l) => l['type'] === 'note' && l['step'] === 'imds' && l['message'] === 'findings')
    .map((l) => Number((l['detail'] as { count: number }).count));
}

describe('choosing namespaces changes the plan, never the findings', () => {
  for (const readOnly of [false, true]) {
    it(`leaving out an exposed namespace keeps its finding in the checklist and the journal${readOnly ? ' (read-only)' : ''}`, async () => {
      const s = (session = await imdsSession('demo', { readOnly }));
      await s.host.open('imds');
      const findings = () => s.store.getState().stepViews.imds?.findings ?? [];
      const before = findings();
      const exposed = before
        .filter((f) => f.id === 'imds.namespace-exposed')
        .map((f) => f.object?.name);
      expect(exposed.length).toBeGreaterThan(1);
      const status = s.store.getState().steps.imds;
      for (const ns of exposed) await s.host.send('imds', { type: 'toggle', namespace: ns! });
      expect(
        s
          .state()
          .rows.filter((r) => exposed.includes(r.namespace))
          .every((r) => !r.chosen),
      ).toBe(true);
      expect(findings()).toEqual(before);
      expect(s.store.getState().steps.imds).toEqual(status);
      // Every findings note written since (one per refresh) holds the same findings.
      await s.until(() => findingNotes(s).length > exposed.length, 'the journal notes');
      expect(new Set(findingNotes(s))).toEqual(new Set([before.length]));
    });
  }

  it('choosing kube-system warns that AKS add-ons may need the endpoint, in the plan and the question', async () => {
    const s = (session = await imdsSession('demo'));
    await s.host.open('imds');
    expect(viewText(s.store.getState().stepViews.imds?.plan ?? [])).not.toContain(
      'managed by Kubernetes or AKS',
    );
    await s.host.send('imds', { type: 'toggle', namespace: 'kube-system' });
    const warning = '▲ kube-system is managed by Kubernetes or AKS';
    expect(
      s.store
        .getState()
        .stepViews.imds?.plan?.some((l) => typeof l === 'string' && l.startsWith(warning)),
    ).toBe(true);
    const sent = s.host.send('imds', { type: 'action', key: 'a' });
    await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
    const details = s.store.getState().confirmation?.details ?? [];
    expect(details.some((l) => l.startsWith(warning) && l.includes('Azure Policy'))).toBe(true);
    s.store.answer(false);
    await sent;
  });

  // As the drain table does: a key never acts on namespaces the kept filter hides.
  it('a under a filter showing only "shop" asks about shop only, and says the hidden ones were left out', async () => {
    const s = (session = await imdsSession('demo'));
    await s.host.open('imds');
    await s.until(() => s.state().phase === 'ready', 'the table');
    await s.host.send('imds', { type: 'filter', text: 'shop' });
    expect(s.state().chosen).toEqual(['shop']);
    expect((s.store.getState().stepViews.imds?.result ?? []).join('\n')).toMatch(
      /The filter hides \d+ included namespaces? \(.*\bdefault\b.*\): .* no longer included/,
    );
    const asked: string[] = [];
    const unsubscribe = s.store.subscribe(() => {
      const c = s.store.getState().confirmation;
      if (!c) return;
      asked.push([c.change, ...(c.details ?? [])].join('\n'));
      queueMicrotask(() => s.store.answer(false));
    });
    await s.host.send('imds', { type: 'action', key: 'a' });
    unsubscribe();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('shop');
    expect(asked[0]).not.toMatch(/\bdefault\b|\bmonitoring\b/);
  }, 60_000);
});
