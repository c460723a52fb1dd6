import { describe, expect, it } from 'vitest';
import { planNode } from '../../src/checks/drain/plan.js';
import type { Finding } from '../../src/model/finding.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainPod } from '../../src/model/drain.js';
import { CHECKLIST } from '../../src/model/checklist.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import { drainConfirmation } from '../../src/steps/drain/confirmations.js';
import { notVerified } from '../../src/steps/lifecycle/run-change.js';
import type { StepEvents } from '../../src/steps/registry-types.js';
import type { StepView } from '../../src/steps/contract/view.js';

type StepEvent = StepEvents['drain'] | { type: 'back' } | { type: 'quit' };
import { ConfirmationDialog } from '../../screens/ConfirmationDialog.js';
import { DrainScreen } from '../../screens/steps/drain/DrainScreen.js';
import { choosing, drainNode as node } from '../helpers/drain-screen.js';
import { DOWN, ENTER, ESC, renderInk, widestLine } from '../helpers/ink.js';

const step = CHECKLIST.find((s) => s.id === 'drain')!;

const pod = (name: string, over: Partial<DrainPod> = {}): DrainPod => ({
  namespace: 'shop',
  name,
  uid: name,
  phase: 'Running',
  labels: { app: name.split('-')[0]! },
  controller: { kind: 'ReplicaSet', name: 'rs' },
  mirror: false,
  emptyDir: false,
  terminating: false,
  ready: true,
  ...over,
});

function baseState(over: Partial<DrainState> = {}, count = 4): DrainState {
  const nodes = [
    node('aks-system-1-vmss000000', 'system'),
    node('aks-system-1-vmss000001', 'system', { rebootNeeded: true }),
    ...Array.from({ length: count - 2 }, (_, i) =>
      node(`aks-apps-2-vmss${String(i).padStart(6, '0')}`, 'apps'),
    ),
  ];
  const world = {
    daemonSets: new Set(['kube-system/kured']),
    pdbs: [
      {
        namespace: 'shop',
        name: 'db',
        selector: { matchLabels: { app: 'db' } },
        disruptionsAllowed: 0,
        currentHealthy: 1,
        desiredHealthy: 1,
      },
    ],
  };
  const pods = [
    pod('web-1'),
    pod('db-0'),
    pod('kured-x', { namespace: 'kube-system', controller: { kind: 'DaemonSet', name: 'kured' } }),
    pod('bare', { controller: undefined }),
  ];
  const previews = Object.fromEntries(
    nodes.map((n) => [n.name, planNode(n.name, pods, world, DEFAULT_DRAIN_OPTIONS)]),
  );
  return choosing(nodes, { previews, ...over });
}

async function screen(state: DrainState, size = { columns: 80, rows: 24 }, view: StepView = {}) {
  const sent: StepEvent[] = [];
  const ink = await renderInk(
    <DrainScreen
      step={step}
      status={{ kind: 'ok' }}
      view={view}
      state={state}
      send={(e) => sent.push(e)}
      width={size.columns}
      height={size.rows - 3}
      active
      onBack={() => sent.push({ type: 'back' })}
      onHelp={() => undefined}
      onQuit={() => sent.push({ type: 'quit' })}
    />,
    size,
    { footer: true },
  );
  return { ink, sent };
}

describe('drain screen: choosing nodes', () => {
  it('shows the node table with pool, status, schedulability, pods and the reboot flag, in 80 columns', async () => {
    const { ink } = await screen(baseState());
    const frame = await ink.waitFor('aks-system-1-vmss000001');
    expect(frame).toMatch(/NODE\s+POOL\s+STATUS\s+SCHED\s+PODS\s+NOTES/);
    // Every node here holds a pod whose PDB allows no disruption; one also waits for a reboot.
    expect(frame).toMatch(
      /\[ \] aks-system-1-vmss000000\s+system\s+✔ Ready\s+yes\s+2\s+PDB blocks$/m,
    );
    // Both notes do not fit 80 columns: short words, not a cut one.
    expect(frame).toMatch(
      /\[ \] aks-system-1-vmss000001\s+system\s+✔ Ready\s+yes\s+2\s+reboot, PDB$/m,
    );
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });

  it('says the findings the checklist counts above the table, and v shows them whole with Looks at and Why', async () => {
    const findings: Finding[] = [
      {
        id: 'drain.pdb-blocks-eviction',
        severity: 'medium',
        object: { kind: 'PodDisruptionBudget', namespace: 'shop', name: 'db' },
        message: 'PDB shop/db allows no disruption now.',
      },
      {
        id: 'drain.reboot-needed',
        severity: 'low',
        object: { kind: 'Node', name: 'aks-system-1-vmss000001' },
        message: 'Node aks-system-1-vmss000001 is waiting for a kured reboot.',
      },
    ];
    const { ink, sent } = await screen(baseState(), undefined, {
      summary: ['4 nodes'],
      findings,
    });
    const table = await ink.waitFor('NODE');
    expect(table).toContain(
      '! 2 findings: drain.pdb-blocks-eviction · drain.reboot-needed (v: read them)',
    );
    await ink.press('v');
    const report = await ink.waitFor('Findings (2)');
    expect(report).toContain(`Looks at: ${step.looksAt}`);
    expect(report).toContain('▲ MED  drain.pdb-blocks-eviction PodDisruptionBudget/shop/db');
    expect(report).toContain('△ LOW  drain.reboot-needed Node/aks-system-1-vmss000001');
    expect(report).toContain('s sort');
    await ink.press('s');
    await ink.waitFor('sort: id');
    await ink.press(ESC);
    await ink.waitFor('NODE');
    expect(sent).toEqual([]);
  });

  it('windows a large cluster to the terminal', async () => {
    const { ink } = await screen(baseState({}, 400));
    const frame = await ink.waitFor('of 400');
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    expect(frame).toMatch(/rows 1–\d+ of 400/);
  });

  it('filters with /, selects by hand, by pool and by reboot need, and sends the drain', async () => {
    const { ink, sent } = await screen(baseState());
    await ink.press('/');
    await ink.type('apps');
    const frame = await ink.waitFor((f) => !f.includes('aks-system-1-vmss000000'));
    expect(frame).toContain('aks-apps-2-vmss000000');
    await ink.press(ENTER, ' ');
    await ink.waitFor('1 selected');
    await ink.press(ESC); // clears the filter
    await ink.waitFor('aks-system-1-vmss000000');
    await ink.press('r');
    await ink.waitFor('2 selected');
    await ink.press(DOWN, DOWN, 'p'); // the rest of the apps pool
    await ink.waitFor('3 selected');
    await ink.press('p'); // the whole pool again: off
    await ink.waitFor('1 selected');
    await ink.press('d');
    expect(sent.at(-1)).toEqual({ type: 'drain', nodes: ['aks-system-1-vmss000001'] });
  });

  it('previews a node: evicted, waiting on a named PDB, skipped DaemonSet pod, blocked bare pod', async () => {
    const { ink } = await screen(baseState());
    await ink.press(ENTER);
    const frame = await ink.waitFor('Preview');
    expect(frame).toContain('→ evict shop/web-1');
    expect(frame).toContain('⏸ wait  shop/db-0: waits on PDB db: no disruption allowed');
    expect(frame).toContain('✖ block shop/bare: no controller recreates it');
    expect(frame).toContain('· skip  kube-system/kured-x: DaemonSet-managed (kured)');
    expect(frame).toContain('blocked 2 · not drainable');
    await ink.press(ESC);
    await ink.waitFor('NODE');
  });

  it('sets options in the form and sends them', async () => {
    const { ink, sent } = await screen(baseState());
    await ink.press('o');
    await ink.waitFor('Drain options');
    await ink.press(DOWN, DOWN, ' ', DOWN, ' ');
    const frame = await ink.waitFor((f) => /Disable eviction.*\[x\].*BYPASSED/.test(f));
    expect(frame).toMatch(/Force pods without a controller\s+\[x\]/);
    await ink.press(ENTER);
    expect(sent.at(-1)).toEqual({
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, force: true, disableEviction: true },
    });
  });

  it('Esc on the options backs out: a switched option is dropped', async () => {
    // DESIGN "Esc always backs out": disable eviction switched on by mistake never reaches a drain.
    const { ink, sent } = await screen(baseState());
    await ink.press('o');
    await ink.waitFor('Drain options');
    await ink.press(DOWN, DOWN, DOWN, ' ');
    await ink.waitFor((f) => /Disable eviction \(plain delete\)\s+\[x\]/.test(f));
    await ink.press(ESC);
    await ink.waitFor('NODE');
    expect(sent.filter((e) => e.type === 'options')).toEqual([]);
  });

  it('the options footer says Enter keeps and Esc drops', async () => {
    const { ink } = await screen(baseState());
    await ink.press('o');
    const frame = await ink.waitFor('Drain options');
    expect(frame).toContain('Enter keep');
    expect(frame).toContain('Esc back, no change');
  });

  it('says why drain is not offered and does not bind it', async () => {
    const { ink, sent } = await screen(
      baseState({ rights: { cordon: 'you may not patch nodes' } }),
    );
    const frame = await ink.waitFor('Drain not offered: you may not patch nodes');
    expect(frame).not.toContain('· d drain');
    await ink.press('d');
    expect(sent).toEqual([]);
  });

  it('does not offer drain on a node of the pool AKS rotates, says why, and offers it on another pool', async () => {
    const why =
      'Upgrade of pool system to 1.32.5 is running: AKS cordons and drains the nodes of pool system itself';
    const { ink, sent } = await screen(baseState({ aksBusy: { pool: 'system', why } }));
    // The cursor starts on a system node.
    const frame = await ink.waitFor('Drain, cordon, uncordon not offered: Upgrade of pool system');
    expect(frame).not.toMatch(/(^|\n|· )d drain/);
    await ink.press('d');
    expect(sent).toEqual([]);
    // On an apps node, drain is offered again.
    await ink.press(DOWN, DOWN);
    await ink.waitFor((f) => !f.includes('not offered') && /(^|\n|· )d drain/.test(f));
    await ink.press('d');
    expect(sent).toEqual([{ type: 'drain', nodes: ['aks-apps-2-vmss000000'] }]);
  });
});

describe('drain confirmation', () => {
  it('needs the cluster name typed to drain more than one node', async () => {
    const s = baseState();
    const request = drainConfirmation(s.cluster, s.nodes.slice(0, 2), s.previews, s.options);
    const answers: boolean[] = [];
    const ink = await renderInk(
      <ConfirmationDialog
        request={request}
        active
        onAnswer={(yes) => answers.push(yes)}
        width={80}
        height={21}
      />,
    );
    const frame = await ink.waitFor('Type aks-shop-prod');
    expect(frame).toContain('Cordon and drain 2 nodes');
    await ink.type('aks-shop');
    await ink.press(ENTER);
    await ink.waitFor('is not "aks-shop-prod"');
    expect(answers).toEqual([]);
    await ink.type('-prod');
    await ink.press(ENTER);
    expect(answers).toEqual([true]);
  });
});

describe('drain screen: live progress', () => {
  const running = (): DrainState =>
    baseState({
      phase: 'running',
      progress: {
        finished: false,
        nodes: [
          {
            name: 'aks-apps-2-vmss000000',
            phase: 'draining',
            cordoned: true,
            notes: [],
            pods: [
              { namespace: 'shop', name: 'web-1', state: 'gone' },
              { namespace: 'shop', name: 'api-2', state: 'terminating' },
              {
                namespace: 'payments',
                name: 'orders-db-0',
                state: 'waiting-pdb',
                pdb: 'orders-db',
                since: new Date(2025, 5, 11, 9, 41, 7).getTime(),
              },
            ],
          },
          { name: 'aks-apps-2-vmss000001', phase: 'queued', cordoned: false, notes: [], pods: [] },
        ],
      },
    });

  it('shows each pod newest state and the node progress; x asks the step to abort', async () => {
    const { ink, sent } = await screen(running());
    const frame = await ink.waitFor('waiting on PDB');
    expect(frame).toContain('… aks-apps-2-vmss000000 draining · 1/3 pods · cordoned');
    expect(frame).toContain('payments/orders-db-0  ⏸ waiting on PDB orders-db since 09:41:07');
    expect(frame).toContain('shop/api-2  … terminating');
    expect(frame).toContain('shop/web-1  ✔ gone');
    expect(frame).toContain('· aks-apps-2-vmss000001 queued');
    // Esc goes back to the checklist and leaves the drain running: it never aborts.
    expect(ink.frame()).toContain('Esc back');
    await ink.press(ESC);
    expect(sent).toEqual([{ type: 'back' }]);
    // x hands over to the step, which asks in the confirmation dialog (see drain-abort-dialog).
    await ink.press('x');
    expect(sent).toEqual([{ type: 'back' }, { type: 'abort' }]);
  });

  it('after a stop: lists what remains, the node left cordoned, and the one key that uncordons it', async () => {
    const state: DrainState = {
      ...running(),
      phase: 'done',
      leftCordoned: ['aks-apps-2-vmss000000'],
    };
    const result = ['✖ aks-apps-2-vmss000000: aborted (1/3 pods moved, cordoned)'];
    state.progress!.nodes[0] = {
      ...state.progress!.nodes[0]!,
      phase: 'aborted',
      notes: ['aborted: 2 pods left on the node; the node stays cordoned'],
    };
    state.progress!.stopped = 'aborted by the operator while draining aks-apps-2-vmss000000';
    const { ink, sent } = await screen(state, undefined, { result });
    const frame = await ink.waitFor('Drain finished');
    expect(frame).toContain('⊘ aks-apps-2-vmss000000 aborted');
    expect(frame).toContain('the node stays cordoned');
    expect(frame).toContain('u uncordon aks-apps-2-vmss000000');
    await ink.press('u');
    expect(sent).toEqual([{ type: 'uncordon', nodes: ['aks-apps-2-vmss000000'] }]);
    await ink.press(ENTER);
    expect(sent.at(-1)).toEqual({ type: 'dismiss' });
  });

  it('after a drain whose verifying look failed: l (the step offers it) looks again', async () => {
    const state: DrainState = {
      ...running(),
      phase: 'done',
      leftCordoned: ['aks-apps-2-vmss000000'],
    };
    const { ink, sent } = await screen(state, undefined, STALE_VIEW);
    const frame = await ink.waitFor('Drain finished');
    expect(frame).toContain('Done, NOT verified');
    expect(frame).toContain('l action');
    await ink.press('l');
    expect(sent).toEqual([{ type: 'action', key: 'l' }]);
  });
});

// A step whose look after a change failed: the result names `l`, the lifecycle offers it.
const STALE_VIEW: StepView = {
  result: [
    '✔ aks-apps-2-vmss000000 cordoned',
    '▲ Done, NOT verified. Press l to look again: the cluster was not read back after the change.',
  ],
  actions: [{ key: 'l', label: 'Look again' }],
};

describe('drain screen: the look-again key after a failed look', () => {
  it('the node table binds l and sends it to the step', async () => {
    const { ink, sent } = await screen(baseState(), undefined, STALE_VIEW);
    const frame = await ink.waitFor('Done, NOT verified');
    expect(frame).toContain('NODE');
    expect(frame).toContain('l action');
    await ink.press('l');
    expect(sent).toEqual([{ type: 'action', key: 'l' }]);
  });

  it('the report (v) shows it and binds it too', async () => {
    const { ink, sent } = await screen(baseState(), undefined, STALE_VIEW);
    await ink.waitFor('NODE');
    await ink.press('v');
    const report = await ink.waitFor('[l] Look again');
    expect(report).toContain('l action');
    await ink.press('l');
    expect(sent).toEqual([{ type: 'action', key: 'l' }]);
  });

  it('at 80x24 the real result line shows its key whole (the line is cut at the width)', async () => {
    const result = [
      '✔ aks-apps-2-vmss000000 cordoned',
      ...notVerified(
        'GET /api/v1/nodes: connect ECONNREFUSED 127.0.0.1:6443',
        [{ key: 'l', looksAgain: true }],
        false,
      ),
    ];
    const { ink } = await screen(baseState(), undefined, { ...STALE_VIEW, result });
    const frame = await ink.waitFor('Done, NOT verified');
    expect(frame).toContain('▲ Done, NOT verified. Press l to look again');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });

  it('binds no l when the step offers none', async () => {
    const { ink, sent } = await screen(baseState());
    await ink.waitFor('NODE');
    await ink.press('l');
    expect(sent).toEqual([]);
  });
});
