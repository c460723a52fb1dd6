// A dry-run drain of a node needing no change (cordoned already, no pod to evict) sends no
// request, so it used to leave nothing in the journal: the operator's yes was the only trace and
// the Summary's "Dry runs (nothing changed)" did not count it, unlike every other dry run.
import { afterEach, describe, expect, it } from 'vitest';
import { summaryLines } from '../../src/steps/summary/lines.js';
import { digestSession } from '../../src/report/journal-digest.js';
import { decisionOutcome } from '../../src/report/decisions.js';
import { drainRig, nodeOf } from './rig.js';
import { journalRecords, until } from './sim-session.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Pods a drain moves: not DaemonSet-managed (mirror pods have no owner of that kind either). */
const movable = (r: Rig, node: string) =>
  r.sim.kube
    .podsOnNode(node)
    .filter((p) => !p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet'));

describe('a dry-run drain of a node needing no change', () => {
  it('is journaled as a rehearsal and counted in the Summary', async () => {
    rig = await drainRig('demo', { dryRun: true });
    const r = rig;
    const node = r.sim.kube
      .listNodes()
      .map((n) => n.metadata.name)
      .find((n) => n.includes('apps') && n !== nodeOf(r.sim, 'orders-db'))!;
    // Cordoned and emptied by someone else before the session drains it.
    r.sim.kube.setUnschedulable(node, true);
    for (const p of movable(r, node)) r.sim.kube.evict(p.metadata.namespace!, p.metadata.name);
    await until(() => movable(r, node).length === 0, 'the node to be empty', 20_000);

    await r.host.open('drain');
    const asked = await r.confirmed({ type: 'drain', nodes: [node] });
    expect(asked.change).toMatch(/^\(dry run\) /);
    expect(r.state().progress!.nodes[0]).toMatchObject({ name: node, phase: 'checked' });
    expect(r.sim.log.entries.filter((e) => e.effect !== 'read')).toEqual([]);

    const records = journalRecords(r.journal);
    expect(records.filter((x) => x['type'] === 'intent')).toEqual([]);
    const note = records.find(
      (x) => x['type'] === 'note' && String(x['message']).startsWith('dry run: '),
    );
    expect(note).toMatchObject({
      step: 'drain',
      message: `dry run: drain of ${node}: nothing to send`,
      detail: { wire: 'kube', sent: 0 },
    });

    const contents = await r.journal.read();
    const rehearsals = digestSession(contents).decisions.filter((d) => d.dryRun);
    expect(rehearsals).toHaveLength(1);
    expect(rehearsals[0]!.asked?.change).toBe(asked.change);
    expect(decisionOutcome(rehearsals[0]!)).toBe('nothing to send');
    const summary = summaryLines(contents);
    expect(summary).toContain('Confirmations: 1 asked, 1 answered yes.');
    expect(summary).toContain('Dry runs (nothing changed): 1.');
    expect(summary).toContain('Changes: none.');
  }, 60_000);
});
