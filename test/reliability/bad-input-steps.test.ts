// Bad input that reaches a step: an invalid target version, a namespace deleted between plan and
// apply, a node deleted mid-drain. Each: a clear line on the step, no crash, a complete journal,
// and nothing changed that the operator did not confirm.
import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import { makeDrainStep } from '../../src/steps/drain/index.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import { imdsStep } from '../../src/steps/imds/index.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { expectJournalComplete, faultRig, until, type FaultRig } from './fault-rig.js';

let rig: FaultRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('bad input inside a step', () => {
  it.each(['1.99.0', '1.31.2', 'banana', '1.33.1'])(
    'upgrades: target version %s is refused in one line, nothing sent',
    async (version) => {
      rig = await faultRig(
        'demo',
        {},
        { upgrades: makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 }) },
      );
      await rig.host.open('upgrades');
      await rig.host.send('upgrades', { type: 'target', version });
      const result = rig.store.getState().stepViews.upgrades?.result ?? [];
      expect(result.length).toBeGreaterThan(0);
      expect(result[0]).toMatch(new RegExp(version.replace(/\./g, '\\.')));
      expect(
        (rig.store.getState().stepStates.upgrades as { target?: string }).target,
      ).toBeUndefined();
      await rig.host.send('upgrades', { type: 'action', key: 'c' });
      expect(rig.store.getState().confirmation).toBeUndefined();
      expect(rig.sim.log.writes()).toEqual([]);
    },
  );

  it('imds: a namespace deleted between plan and apply is named, and nothing is created', async () => {
    rig = await faultRig('demo', {}, { imds: imdsStep });
    await rig.host.open('imds');
    await until(() => rig!.store.getState().steps.imds.kind !== 'running', 'inspection');
    // Someone deletes a chosen namespace after the plan was shown.
    await rig.connection.kc.makeApiClient(CoreV1Api).deleteNamespace({ name: 'monitoring' });
    // The server-side dry run before asking finds it gone: nothing is asked, nothing created.
    const off = rig.store.subscribe(() => {
      if (rig?.store.getState().confirmation) setTimeout(() => rig?.store.answer(true), 0);
    });
    await rig.host.send('imds', { type: 'action', key: 'a' });
    off();
    const text = JSON.stringify(rig.store.getState().stepViews.imds?.result ?? []);
    expect(rig.sim.log.writes().filter((w) => /networkpolicies/.test(w.path))).toEqual([]);
    expect(text).toMatch(/monitoring/);
    expect(text).toMatch(/not found|no longer|deleted|gone/i);
    expect(text).not.toMatch(/\\n\s+at /);
    expectJournalComplete(rig.journalLines());
  });

  it('drain: a node deleted mid-drain ends that node clearly; no crash; journal complete', async () => {
    rig = await faultRig(
      'demo',
      {},
      { drain: makeDrainStep({ retryMs: 20, pollMs: 10, concurrency: 10 }) },
    );
    await rig.host.open('drain');
    const sim = rig.sim;
    const node = sim.kube
      .listNodes()
      .find((n) =>
        sim.kube.podsOnNode(n.metadata.name).some((p) => p.metadata.name.startsWith('orders-db')),
      )!.metadata.name;
    await rig.host.send('drain', {
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, timeoutSeconds: 30 },
    });
    const state = (): DrainState => rig!.store.getState().stepStates.drain!;
    const sent = rig.host.send('drain', { type: 'drain', nodes: [node] });
    await until(() => rig!.store.getState().confirmation, 'confirmation');
    rig.store.answer(true);
    // While it waits on the PDB, the node goes away (scale-in, or someone deleted it).
    await until(
      () => state().progress?.nodes[0]?.pods.some((p) => p.state === 'waiting-pdb'),
      'the PDB wait',
    );
    sim.kube.deleteNode(node);
    await sent;
    const done = state().progress!.nodes[0]!;
    expect(done.phase).toBe('failed');
    expect(state().leftCordoned).toEqual([]);
    expect(JSON.stringify([done, rig.store.getState().stepViews.drain?.result])).toMatch(
      /not found|gone|deleted|no longer/i,
    );
    expectJournalComplete(rig.journalLines());
  }, 90_000);
});
