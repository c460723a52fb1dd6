import { afterEach, describe, expect, it } from 'vitest';
import { runDrain } from '../../src/steps/drain/run/run-drain.js';
import type { DrainProgress } from '../../src/steps/drain/state.js';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import { drainRig, FAST, nodeOf } from './rig.js';
import { journalRecords, until } from './sim-session.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Every intent has its result after it, and no result comes without an intent. */
function expectIntentsBeforeResults(records: Array<Record<string, unknown>>) {
  const open = new Set<unknown>();
  for (const r of records) {
    if (r['type'] === 'intent') open.add(r['id']);
    if (r['type'] === 'result') {
      expect(open.has(r['id'])).toBe(true);
      open.delete(r['id']);
    }
  }
  expect(open.size).toBe(0);
}

/** An apps node that does not run the database behind the strict PDB. */
const cleanNode = (r: Rig) =>
  r.state().nodes.find((n) => n.pool === 'apps' && n.name !== nodeOf(r.sim, 'orders-db'))!.name;

const podState = (r: Rig, name: string) =>
  r
    .state()
    .progress?.nodes.flatMap((n) => n.pods)
    .find((p) => p.name.startsWith(name));

describe('drain end to end on the simulator', () => {
  it('drains a node without a blocking PDB: pods recreated elsewhere, node cordoned, journaled', async () => {
    rig = await drainRig('demo');
    await rig.host.open('drain');
    expect(rig.state().phase).toBe('choose');
    const node = cleanNode(rig);
    const before = rig.sim.kube
      .podsOnNode(node)
      .filter((p) => p.metadata.namespace !== 'kube-system');
    expect(before.length).toBeGreaterThan(0);
    expect(rig.state().previews[node]?.skip.map((s) => s.reason)).toEqual([
      'DaemonSet-managed (kured)',
    ]);

    const asked = await rig.confirmed({ type: 'drain', nodes: [node] });
    expect(asked).toMatchObject({
      cluster: 'aks-shop-prod',
      change: `Cordon and drain node ${node}`,
    });
    expect(asked.typed).toBeUndefined();

    expect(rig.state().phase).toBe('done');
    expect(rig.state().progress?.nodes[0]).toMatchObject({
      name: node,
      phase: 'drained',
      cordoned: true,
    });
    expect(rig.sim.kube.getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    const left = rig.sim.kube.podsOnNode(node).map((p) => p.metadata.namespace);
    expect(left).toEqual(['kube-system']);
    // Each evicted pod's controller made a new pod (new uid) on another node.
    const uids = new Set(before.map((p) => p.metadata.uid));
    for (const old of before) {
      const app = old.metadata.labels?.['app'];
      await until(
        () =>
          rig!.sim.kube
            .listNodes()
            .filter((n) => n.metadata.name !== node)
            .flatMap((n) => rig!.sim.kube.podsOnNode(n.metadata.name))
            .some((p) => p.metadata.labels?.['app'] === app && !uids.has(p.metadata.uid)),
        `a new ${app} pod`,
      );
    }
    expect(rig.state().leftCordoned).toEqual([node]);
    const records = journalRecords(rig.journal);
    expectIntentsBeforeResults(records);
    const intents = records
      .filter((r) => r['type'] === 'intent')
      .map((r) => `${String(r['action'])} ${String(r['target'])}`);
    // The whole plan first (what a resume continues), then the node's own steps.
    expect(intents.slice(0, 2)).toEqual([`drain nodes nodes/${node}`, `cordon node/${node}`]);
    expect(intents.filter((i) => i.startsWith('evict pod'))).toHaveLength(before.length);

    // After maintenance: uncordon, with a confirmation.
    const again = await rig.confirmed({ type: 'uncordon', nodes: [node] });
    expect(again.change).toBe(`Uncordon node ${node}`);
    expect(rig.sim.kube.getNode(node)?.['spec']).not.toMatchObject({ unschedulable: true });
    expect(rig.state().leftCordoned).toEqual([]);
  });

  it('shows the wait on a blocking PDB by name, then times out with what remains, node left cordoned', async () => {
    // One refusal, then a wait longer than the node's timeout: the timeout finds the pod between
    // two refusals (a retry on its way when the timeout hits is of unknown outcome: see
    // eviction-cut-off.test.ts). The timeout leaves the first refusal seconds to come back, so a
    // loaded machine does not turn the wait into "not sent" or the retry into one on the wire.
    rig = await drainRig('demo', {}, 600, { ...FAST, retryMs: 60_000 });
    await rig.host.open('drain');
    const node = nodeOf(rig.sim, 'orders-db');
    expect(rig.state().previews[node]?.blocked).toMatchObject([
      { cause: 'pdb', pdbs: ['orders-db'] },
    ]);
    await rig.host.send('drain', {
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, timeoutSeconds: 3 },
    });
    const seen: string[] = [];
    const unsubscribe = rig.store.subscribe(() => {
      const p = podState(rig!, 'orders-db');
      if (p?.state === 'waiting-pdb') seen.push(`${p.state} ${p.pdb} ${p.since ? 'since' : ''}`);
    });
    await rig.confirmed({ type: 'drain', nodes: [node] });
    unsubscribe();
    expect(seen).toContain('waiting-pdb orders-db since');
    const done = rig.state().progress!.nodes[0]!;
    expect(done.phase).toBe('timed-out');
    // Said once, on the node, with the ways out of a blocked eviction.
    const notes = done.notes.join('\n');
    expect(notes).toMatch(/timed out after 3s; the node stays cordoned\. PDB orders-db allowed no/);
    expect(notes).toContain('scale the workload up');
    expect(notes).toContain('relax the budget');
    expect(notes).toContain('evict deliberately');
    const everything = [notes, ...(rig.view().result ?? [])].join('\n');
    expect(everything.match(/allowed no eviction/g)).toHaveLength(1);
    expect(rig.sim.kube.getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    expect(rig.view().result?.join('\n')).toContain('Stopped:');
    const records = journalRecords(rig.journal);
    const intent = records.find((r) => r['target'] === 'pod/payments/orders-db-0')!;
    expect(records.find((r) => r['type'] === 'result' && r['id'] === intent['id'])).toMatchObject({
      outcome: 'failed',
      error:
        "timed out waiting on PDB orders-db: not evicted, the budget refused every eviction until the node's timeout of 3s ran out",
    });
  });

  it('aborts mid-drain through the host: requests cancelled, journal complete, node still cordoned', async () => {
    // Retries far apart, so the stop lands in the wait between two refusals: a retry already
    // on the wire when the stop comes is of unknown outcome (eviction-cut-off.test.ts), and a
    // short retry made which one the stop met a matter of the machine's load.
    rig = await drainRig('demo', {}, 600, { ...FAST, retryMs: 30_000 });
    await rig.host.open('drain');
    const node = nodeOf(rig.sim, 'orders-db');
    const sent = rig.host.send('drain', { type: 'drain', nodes: [node] });
    await until(() => rig!.store.getState().confirmation !== undefined, 'the confirmation');
    rig.store.answer(true);
    await until(() => podState(rig!, 'orders-db')?.state === 'waiting-pdb', 'the PDB wait');
    expect(rig.store.getState().busy).toBe(true);
    await rig.host.stop();
    await sent;
    const done = rig.state().progress!.nodes[0]!;
    expect(done.phase).toBe('aborted');
    expect(done.notes.join('\n')).toContain('the node stays cordoned');
    expect(rig.state().leftCordoned).toEqual([node]);
    expect(rig.sim.kube.getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    const records = journalRecords(rig.journal);
    expectIntentsBeforeResults(records);
    const intent = records.find((r) => r['target'] === 'pod/payments/orders-db-0')!;
    expect(records.find((r) => r['type'] === 'result' && r['id'] === intent['id'])).toMatchObject({
      outcome: 'cancelled',
    });
    const stopped = records.find((r) => r['type'] === 'note' && r['message'] !== 'findings');
    expect(stopped?.['message']).toMatch(/drain stopped: aborted by the operator/);
  });

  it('in-step abort key: asks in the confirmation dialog, No keeps draining, Yes stops the run', async () => {
    rig = await drainRig('demo');
    await rig.host.open('drain');
    const node = nodeOf(rig.sim, 'orders-db');
    const sent = rig.host.send('drain', { type: 'drain', nodes: [node] });
    await until(() => rig!.store.getState().confirmation !== undefined, 'the confirmation');
    rig.store.answer(true);
    await until(() => podState(rig!, 'orders-db')?.state === 'waiting-pdb', 'the PDB wait');
    const kept = await rig.confirmed({ type: 'abort' }, false);
    expect(kept).toMatchObject({ cluster: rig.connection.summary.name });
    expect(kept.change).toBe(`Abort the drain of node ${node}`);
    expect(kept.details?.join('\n')).toContain('Nodes already cordoned stay cordoned');
    expect(rig.store.getState().busy).toBe(true);
    await rig.confirmed({ type: 'abort' }, true);
    await sent;
    // The journal appends in the background: wait for the third answer to be written whole.
    const confirmations = () =>
      journalRecords(rig!.journal).filter((r) => r['type'] === 'confirmation');
    await until(() => confirmations().length >= 3, 'the three answers in the journal');
    const answers = confirmations();
    expect(answers.map((r) => [String(r['change']).split(' ')[0], r['answer']])).toEqual([
      ['Cordon', 'yes'],
      ['Abort', 'no'],
      ['Abort', 'yes'],
    ]);
    expect(rig.state().progress!.nodes[0]!.phase).toBe('aborted');
    expect(rig.store.getState().busy).toBe(false);
  });

  it('drains two nodes in one batch: typed cluster name, and a PDB wait that clears', async () => {
    // A slower clock, so the replacement storefront pod takes a while to become Ready.
    rig = await drainRig('demo', {}, 60);
    await rig.host.open('drain');
    const nodes = rig
      .state()
      .nodes.filter((n) => n.pool === 'apps')
      .map((n) => n.name);
    const pair = nodes.filter((n) => n !== nodeOf(rig!.sim, 'orders-db'));
    await rig.host.send('drain', {
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, batchSize: 2, timeoutSeconds: 20 },
    });
    const waits = new Set<string>();
    const unsubscribe = rig.store.subscribe(() => {
      for (const p of rig!.state().progress?.nodes.flatMap((n) => n.pods) ?? []) {
        if (p.state === 'waiting-pdb') waits.add(`${p.name} ${p.pdb}`);
      }
    });
    // The pair's two storefront evictions meet at the API server, as they do when the nodes drain
    // at the same time: the budget lets one through and refuses the other until the replacement
    // is Ready. Without this, a loaded machine could send the second after that replacement was
    // Ready (83 ms here), and nothing would wait.
    const storefront = pair.flatMap((n) =>
      rig!.sim.kube.podsOnNode(n).filter((p) => p.metadata.labels?.['app'] === 'storefront'),
    );
    expect(storefront).toHaveLength(2);
    let evictions = 0;
    const held = rig.sim.hold((method, path) => {
      const hit =
        method === 'POST' && /\/namespaces\/shop\/pods\/storefront-[^/]+\/eviction$/.test(path);
      if (hit && ++evictions === storefront.length) held.release();
      return hit;
    });
    const asked = await rig.confirmed({ type: 'drain', nodes: pair });
    held.release();
    unsubscribe();
    expect(asked.typed).toBe('aks-shop-prod');
    expect(rig.state().progress!.nodes.map((n) => n.phase)).toEqual(['drained', 'drained']);
    expect([...waits].some((w) => w.endsWith(' storefront'))).toBe(true);
  });

  it('a refused cordon stops the run before any eviction', async () => {
    rig = await drainRig('drain-no-cordon');
    await rig.host.open('drain');
    // The step does not offer it at all...
    expect(rig.state().rights.cordon).toMatch(/may not patch nodes/);
    const node = rig.state().nodes[0]!.name;
    await rig.host.send('drain', { type: 'drain', nodes: [node] });
    expect(rig.store.getState().confirmation).toBeUndefined();
    expect(rig.view().result?.[0]).toMatch(/Not offered: you may not patch nodes/);
    // ...and the runner, asked anyway (rights can change), stops at the refused cordon.
    const frames: DrainProgress[] = [];
    const progress = await runDrain([node, rig.state().nodes[1]!.name], DEFAULT_DRAIN_OPTIONS, {
      kc: rig.connection.kc,
      server: rig.connection.kubeServer,
      journal: rig.journal,
      dryRun: false,
      timings: FAST,
      signal: new AbortController().signal,
      onProgress: (p) => frames.push(p),
    });
    expect(progress.nodes.map((n) => n.phase)).toEqual(['cordon-failed', 'queued']);
    expect(progress.stopped).toMatch(/cordon of .* failed, so nothing was evicted/);
    expect(progress.nodes[0]!.notes.join('\n')).toMatch(/no pod was evicted/);
    expect(rig.sim.log.entries.filter((e) => e.path.endsWith('/eviction'))).toEqual([]);
    const records = journalRecords(rig.journal);
    expect(
      records
        .filter((r) => r['type'] === 'intent' || r['type'] === 'result')
        .map((r) => [r['type'], r['action'] ?? r['outcome']]),
    ).toEqual([
      ['intent', 'cordon'],
      ['result', 'failed'],
    ]);
  });

  it('read-only: nothing offered, no write leaves', async () => {
    rig = await drainRig('demo', { readOnly: true });
    await rig.host.open('drain');
    expect(rig.state().readOnly).toBe(true);
    const node = cleanNode(rig);
    await rig.host.send('drain', { type: 'drain', nodes: [node] });
    await rig.host.send('drain', { type: 'uncordon', nodes: [node] });
    expect(rig.store.getState().confirmation).toBeUndefined();
    expect(rig.sim.log.writes()).toEqual([]);
    expect(rig.sim.log.entries.filter((e) => e.api === 'kube' && e.method !== 'GET')).toEqual([]);
  });

  it('dry-run: a blocking budget is reported at once, not waited out; later nodes are still checked', async () => {
    // kubectl's 5 s between refused evictions and the default 300 s node timeout: nothing waits.
    const kubectlPace = { retryMs: 5000, pollMs: 1000, concurrency: 10 };
    rig = await drainRig('demo', { dryRun: true }, 600, kubectlPace);
    await rig.host.open('drain');
    const held = nodeOf(rig.sim, 'orders-db');
    const clean = cleanNode(rig);
    const started = Date.now();
    await rig.confirmed({ type: 'drain', nodes: [held, clean] });
    const took = Date.now() - started;
    const [first, second] = rig.state().progress!.nodes;
    expect(first).toMatchObject({ name: held, phase: 'would-wait', cordoned: false });
    expect(first!.pods.find((p) => p.name === 'orders-db-0')).toMatchObject({
      state: 'would-wait',
      pdb: 'orders-db',
    });
    expect(first!.notes.join('\n')).toMatch(
      /dry run: PDB orders-db refuses 1 pod now; a real drain would wait on it up to 300s/,
    );
    expect(second).toMatchObject({ name: clean, phase: 'checked' });
    expect(rig.view().result?.join('\n')).toMatch(
      /Budgets would hold up .*a real drain waits on them/,
    );
    expect(took).toBeLessThan(20_000);
    process.stdout.write(`dry-run drain of a PDB-held node and a clean one: ${took} ms\n`);
    expect(rig.sim.log.entries.filter((e) => e.effect === 'write')).toEqual([]);
  });

  it('dry-run: cordon and evictions go as server-side dry runs, nothing moves', async () => {
    rig = await drainRig('demo', { dryRun: true });
    await rig.host.open('drain');
    const node = cleanNode(rig);
    const pods = rig.sim.kube.podsOnNode(node).map((p) => p.metadata.uid);
    const asked = await rig.confirmed({ type: 'drain', nodes: [node] });
    expect(asked.change).toMatch(/^\(dry run\) /);
    expect(rig.state().progress!.nodes[0]).toMatchObject({ phase: 'checked', cordoned: false });
    expect(rig.sim.kube.podsOnNode(node).map((p) => p.metadata.uid)).toEqual(pods);
    expect(rig.sim.kube.getNode(node)?.['spec']).not.toMatchObject({ unschedulable: true });
    expect(rig.sim.log.entries.filter((e) => e.effect === 'write')).toEqual([]);
    const dry = rig.sim.log.entries.filter((e) => e.effect === 'dry-run').map((e) => e.method);
    expect(dry).toContain('PATCH');
    expect(dry).toContain('POST');
  });
});
