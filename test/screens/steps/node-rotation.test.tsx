import { Box } from 'ink';
import { describe, expect, it, vi } from 'vitest';
import { NodeRotation, rotationHeight } from '../../../screens/components/NodeRotation.js';
import { VersionChooser } from '../../../screens/steps/upgrades/VersionChooser.js';
import {
  finish,
  observe,
  startRotation,
  type NodeSnapshot,
} from '../../../src/steps/rotation/state.js';
import { targetBreaks } from '../../../src/checks/versions/target-breaks.js';
import { estimated } from '../../../src/steps/rotation/estimate.js';
import type { Rotation } from '../../../src/steps/rotation/state.js';
import { DOWN, ENTER, ESC, renderInk, widestLine } from '../../helpers/ink.js';

const node = (name: string, image: string, extra: Partial<NodeSnapshot> = {}): NodeSnapshot => ({
  name,
  image,
  unschedulable: false,
  quarantined: false,
  ...extra,
});
const n1 = 'aks-system-12345678-vmss000000';
const n2 = 'aks-system-12345678-vmss000001';
const s1 = 'aks-system-12345678-vmss000002';

describe('NodeRotation', () => {
  it('shows surge, cordon, drain, reimage and replacement frame by frame', async () => {
    let r = startRotation(
      'system',
      'node image upgrade',
      { image: 'new' },
      [node(n1, 'old'), node(n2, 'old')],
      0,
    );
    const ui = await renderInk(<NodeRotation rotation={r} width={80} />);
    const frames: string[] = [];
    const step = async (nodes: NodeSnapshot[], t: number) => {
      r = estimated(observe(r, nodes, t));
      await ui.act(() => undefined);
      const next = await renderInk(<NodeRotation rotation={r} width={80} />);
      frames.push(next.frame());
      await next.unmount();
    };
    expect(ui.frame()).toContain('Pool system · node image upgrade · … running');
    expect(ui.frame()).toContain('0/2 nodes');
    await step([node(n1, 'old'), node(n2, 'old'), node(s1, 'new')], 30_000);
    await step(
      [
        node(n1, 'old', {
          unschedulable: true,
          podsLeft: 2,
          waitingFor: ['shop/web-1', 'shop/cart-0'],
        }),
        node(n2, 'old'),
        node(s1, 'new'),
      ],
      60_000,
    );
    await step([node(n2, 'old'), node(s1, 'new')], 90_000);
    await step([node(n1, 'new'), node(n2, 'old'), node(s1, 'new')], 120_000);
    expect(frames[0]).toContain(`+ ${s1} surge node added`);
    expect(frames[0]).toContain(`· ${n1} waiting`);
    expect(frames[1]).toContain(`◐ ${n1} draining (2 pods left: shop/web-1,`);
    expect(frames[2]).toContain(`↻ ${n1} gone: reimaging`);
    expect(frames[3]).toContain(`✔ ${n1} replaced`);
    expect(frames[3]).toMatch(/1\/2 nodes · 2:00 elapsed · ~2:00 left/);
    for (const f of frames) expect(widestLine(f)).toBeLessThanOrEqual(80);
    r = finish(
      observe(r, [node(n1, 'new'), node(n2, 'old', { unschedulable: true, podsLeft: 1 })], 150_000),
      'failed',
      150_000,
      { code: 'UpgradeFailed', message: 'x' },
    );
    const failed = await renderInk(<NodeRotation rotation={r} width={80} />);
    expect(failed.frame()).toContain('✖ failed');
    expect(failed.frame()).toContain(`✖ ${n2} not done`);
    expect(failed.frame()).toContain(`− ${s1} surge node removed`);
  });

  it('says which nodes a failed or aborted rotation never reached, not that they wait', async () => {
    const started = observe(
      startRotation(
        'apps',
        'node image upgrade',
        { image: 'new' },
        [node(n1, 'old'), node(n2, 'old')],
        0,
      ),
      [node(n1, 'old', { unschedulable: true, podsLeft: 1 }), node(n2, 'old')],
      10_000,
    );
    const failed = await renderInk(
      <NodeRotation rotation={finish(started, 'failed', 20_000)} width={80} />,
    );
    expect(failed.frame()).toContain(`✖ ${n1} not done`);
    expect(failed.frame()).toContain(`■ ${n2} not reached: the operation failed`);
    expect(failed.frame()).not.toContain('waiting');
    await failed.unmount();
    const aborted = await renderInk(
      <NodeRotation rotation={finish(started, 'canceled', 20_000)} width={80} />,
    );
    expect(aborted.frame()).toContain(`■ ${n2} not started: the operation was aborted`);
    expect(aborted.frame()).not.toContain('waiting');
    await aborted.unmount();
  });
});

describe('NodeRotation during a stall', () => {
  it('names the blocking budget and counts down to AKS drain timeout; time left unknown before a node is done', async () => {
    let r: Rotation = {
      ...startRotation(
        'apps',
        'Upgrade of pool apps to 1.32.5',
        { image: 'new' },
        [node(n1, 'old'), node(n2, 'old')],
        0,
      ),
      drain: { drainTimeoutMinutes: 30, undrainable: 'Schedule' as const },
    };
    const held = node(n1, 'old', {
      unschedulable: true,
      podsLeft: 1,
      waitingFor: ['payments/orders-db-0'],
      blockedBy: ['payments/orders-db'],
    });
    r = observe(r, [held, node(n2, 'old')], 60_000);
    r = estimated(observe(r, [held, node(n2, 'old')], 60_000 + 139_000));
    const ui = await renderInk(<NodeRotation rotation={r} width={120} />);
    expect(ui.frame()).toContain(
      '0/2 nodes · 3:19 elapsed · time left unknown until a node is done',
    );
    expect(ui.frame()).toContain(
      `◐ ${n1} draining · blocked by PDB payments/orders-db, AKS gives up in 27:41`,
    );
    expect(ui.frame()).toContain(
      'undrainableNodeBehavior Schedule: AKS then makes the node schedulable again',
    );
    await ui.unmount();
    const narrow = await renderInk(<NodeRotation rotation={r} width={80} />);
    expect(widestLine(narrow.frame())).toBeLessThanOrEqual(80);
  });
});

describe('VersionChooser', () => {
  const choices = [
    { version: '1.33.1', isPreview: true, kind: 'minor' as const },
    { version: '1.32.5', isPreview: false, kind: 'minor' as const },
    { version: '1.31.9', isPreview: false, kind: 'patch' as const },
  ];

  it('lists GA versions, hides preview until v, and sends the choice', async () => {
    const onChoose = vi.fn();
    const onClose = vi.fn();
    const ui = await renderInk(
      <VersionChooser
        current="1.31.8"
        choices={choices}
        impact={[]}
        active
        onChoose={onChoose}
        onClose={onClose}
        onHelp={vi.fn()}
        onQuit={vi.fn()}
      />,
      { columns: 80, rows: 24 },
      { footer: true },
    );
    expect(ui.frame()).toContain('❯ 1.32.5 next minor');
    expect(ui.frame()).toContain('1.31.9 patch within the minor');
    expect(ui.frame()).not.toContain('1.33.1');
    expect(ui.frame()).toContain('v show preview (1)');
    await ui.press(DOWN, ENTER);
    expect(onChoose).toHaveBeenLastCalledWith('1.31.9', false);
    await ui.press('v');
    await ui.waitFor('1.33.1');
    expect(ui.frame()).toContain('▲ preview: no support');
    await ui.press('k', 'k', ENTER);
    expect(onChoose).toHaveBeenLastCalledWith('1.33.1', true);
    await ui.press(ESC);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('names an LTS migration as one that skips minors', async () => {
    const ui = await renderInk(
      <VersionChooser
        current="1.30.11"
        choices={[
          { version: '1.32.5', isPreview: false, kind: 'lts' as const },
          { version: '1.31.8', isPreview: false, kind: 'minor' as const },
        ]}
        impact={[]}
        active
        onChoose={vi.fn()}
        onClose={vi.fn()}
        onHelp={vi.fn()}
        onQuit={vi.fn()}
      />,
      { columns: 80, rows: 24 },
    );
    // Every minor from 1.27 on is LTS-eligible: the label says what the target is, not "next LTS".
    expect(ui.frame()).toContain('❯ 1.32.5 skips 1 minor; LTS plan');
    expect(ui.frame()).toContain('1.31.8 next minor');
    expect(ui.frame()).toContain('Minors are skipped only on the LTS plan');
  });

  it('shows under each version what it would break, in full at 80 columns', async () => {
    const flow = {
      source: 'helm' as const,
      group: 'flowcontrol.apiserver.k8s.io',
      version: 'v1beta3',
      kind: 'FlowSchema',
      object: { kind: 'FlowSchema', name: 'report-api', namespace: 'reporting' },
      release: { namespace: 'reporting', name: 'report-api', revision: 2 },
    };
    const clients = { ...flow, source: 'metric' as const, resource: 'prioritylevelconfigurations' };
    const impact = targetBreaks([flow, clients], '1.31.8', ['1.32.5', '1.31.9']);
    const ui = await renderInk(
      // The app lays the chooser out in a terminal-wide frame.
      <Box width={80}>
        <VersionChooser
          current="1.31.8"
          choices={choices}
          impact={impact}
          active
          onChoose={vi.fn()}
          onClose={vi.fn()}
          onHelp={vi.fn()}
          onQuit={vi.fn()}
        />
      </Box>,
      { columns: 80, rows: 24 },
    );
    const text = ui.frame().replace(/\s+/g, ' ');
    expect(text).toContain(
      '1.32.5 next minor ✖ 2 removed APIs in use; worst: PriorityLevelConfiguration flowcontrol.apiserver.k8s.io/v1beta3, called by clients: AKS may refuse',
    );
    expect(text).toContain('1.31.9 patch within the minor patch: removes no API');
    expect(widestLine(ui.frame())).toBeLessThanOrEqual(80);
  });
});

describe('NodeRotation when DaemonSets could not be read', () => {
  it('says pods of deleted DaemonSets were not counted, rather than a bare count', async () => {
    const r = estimated(
      observe(
        startRotation('system', 'node image upgrade', { image: 'new' }, [node(n1, 'old')], 0),
        [
          node(n1, 'old', {
            unschedulable: true,
            podsLeft: 1,
            waitingFor: ['shop/web-1'],
            daemonSetsUnread: true,
          }),
        ],
        30_000,
      ),
    );
    const ui = await renderInk(<NodeRotation rotation={r} width={200} />);
    expect(ui.frame()).toContain('pods of deleted DaemonSets were not counted');
    await ui.unmount();
  });
});

describe('NodeRotation when the pool nodes are not read any more', () => {
  it('says so in one line under the rows, counted in its height', async () => {
    const r: Rotation = {
      ...startRotation('system', 'node image upgrade', { image: 'new' }, [node(n1, 'old')], 0),
      nodesUnread: {
        refused: true,
        line: '✖ Nodes not followed: reading them was refused (401 Unauthorized); the operation is still followed in Azure.',
      },
    };
    const ui = await renderInk(<NodeRotation rotation={r} width={80} />);
    expect(ui.frame()).toContain(
      '✖ Nodes not followed: reading them was refused (401 Unauthorized)',
    );
    const { nodesUnread: _line, ...without } = r;
    expect(rotationHeight(r)).toBe(rotationHeight(without) + 1);
    expect(ui.frame().split('\n').length).toBe(rotationHeight(r));
    await ui.unmount();
  });
});
