import type { DrainNode } from '../../../src/model/drain.js';
import type { StepActionView } from '../../../src/steps/contract/view.js';
import type { DrainState } from '../../../src/steps/drain/state.js';
import type { StepEvents } from '../../../src/steps/registry-types.js';
import { actionBindings } from '../../action-keys.js';
import { backKey, helpKey, quitKeys } from '../../common-keys.js';
import type { KeyBinding } from '../../key-table.js';
import { scrollBinding, type Scrollable } from '../../scroll-keys.js';

/** Where the drain screen is: the node table, or the preview of the chosen nodes. */
export type NodeTableMode = 'table' | 'preview' | 'options' | 'report';

/** What the node table's keys look at and act on. */
export interface NodeTableContext {
  mode: NodeTableMode;
  state: DrainState;
  /** The node under the cursor. */
  current: DrainNode | undefined;
  /** The nodes a drain would take: the selection, else the node under the cursor. */
  chosen: string[];
  selected: ReadonlySet<string>;
  /** The nodes the filter shows: selecting by pool or reboot need takes only these. */
  shown: readonly DrainNode[];
  filter: string;
  /** Why drain is not offered, if it is not. */
  drainWhy: string | undefined;
  /** Why cordon and uncordon are not offered: AKS rotates the pool of a chosen node. */
  aksWhy: string | undefined;
  /** The cursor over the nodes, and the top line of the preview. */
  cursor: Scrollable;
  preview: Scrollable;
  setMode: (mode: NodeTableMode) => void;
  /** Selects (`on`), unselects, or flips (no `on`) the named nodes. */
  select: (names: string[], on?: boolean) => void;
  clearSelection: () => void;
  startFilter: () => void;
  clearFilter: () => void;
  send: (event: StepEvents['drain']) => void;
  /** What the step offers by key (the lifecycle's `l` to look again while stale). */
  actions: readonly StepActionView[] | undefined;
  onBack: () => void;
  onHelp: () => void;
  onQuit: () => void;
}

/** The keys of the node table and its preview: drain and uncordon first, so the footer keeps them. */
export function nodeTableKeys(c: NodeTableContext): KeyBinding[] {
  const { state, current, mode } = c;
  const table = mode === 'table';
  const cordoned = c.chosen.filter(
    (n) => state.nodes.find((x) => x.name === n)?.schedulable === false,
  );
  const schedulable = c.chosen.filter(
    (n) => state.nodes.find((x) => x.name === n)?.schedulable === true,
  );
  return [
    {
      keys: ['d'],
      does: 'drain the chosen nodes (asks first; several nodes: type the cluster name)',
      hint: 'drain',
      when: !c.drainWhy && c.chosen.length > 0,
      run: () => c.send({ type: 'drain', nodes: c.chosen }),
    },
    {
      keys: ['u'],
      does: 'uncordon the chosen cordoned nodes (asks first)',
      hint: 'uncordon',
      when: !state.readOnly && !state.rights.cordon && !c.aksWhy && cordoned.length > 0,
      run: () => c.send({ type: 'uncordon', nodes: cordoned }),
    },
    {
      keys: ['C'],
      does: 'cordon the chosen nodes only: no new pods land there, none is evicted (asks first)',
      hint: 'cordon',
      when: !state.readOnly && !state.rights.cordon && !c.aksWhy && schedulable.length > 0,
      run: () => c.send({ type: 'cordon', nodes: schedulable }),
    },
    // The step's own keys: after a failed look, the `l` its result names.
    ...actionBindings(c.actions, (key) => c.send({ type: 'action', key })),
    mode === 'preview'
      ? scrollBinding(c.preview, 'scroll the preview', 'scroll')
      : scrollBinding(c.cursor, 'move between nodes', 'move'),
    {
      keys: ['space'],
      does: 'select or unselect the node',
      hint: 'select',
      when: table && current !== undefined,
      run: () => current && c.select([current.name]),
    },
    {
      keys: ['p'],
      does: "select the node's whole pool, as the filter shows it (again: unselect it)",
      hint: 'pool',
      when: table && current !== undefined,
      run: () => {
        if (!current) return;
        const pool = c.shown.filter((n) => n.pool === current.pool).map((n) => n.name);
        c.select(pool, !pool.every((n) => c.selected.has(n)));
      },
    },
    {
      keys: ['r'],
      does: 'select the nodes that need a reboot',
      hint: 'reboot-needed',
      when: table && c.shown.some((n) => n.rebootNeeded),
      run: () =>
        c.select(
          c.shown.filter((n) => n.rebootNeeded).map((n) => n.name),
          true,
        ),
    },
    {
      keys: ['c'],
      does: 'clear the selection',
      when: table && c.selected.size > 0,
      run: c.clearSelection,
    },
    {
      keys: ['/'],
      does: 'filter the nodes by name, pool or condition',
      hint: 'filter',
      when: table,
      run: c.startFilter,
    },
    {
      keys: ['enter'],
      does: 'preview what draining the chosen nodes would evict, skip or refuse',
      hint: 'preview',
      when: table && current !== undefined,
      run: () => {
        c.preview.to(0);
        c.setMode('preview');
      },
    },
    {
      keys: ['v'],
      does: "the step's report: what it looks at and why, every finding (s sorts, / filters)",
      hint: 'findings',
      when: table,
      run: () => c.setMode('report'),
    },
    {
      keys: ['o'],
      does: 'drain options: DaemonSets, emptyDir data, force, grace period, timeout',
      hint: 'options',
      when: !state.readOnly,
      run: () => c.setMode('options'),
    },
    { ...backKey(() => c.setMode('table'), 'back to the node table', 'nodes'), when: !table },
    {
      ...backKey(c.clearFilter, 'clear the filter', 'clear filter'),
      when: table && c.filter !== '',
    },
    { ...backKey(c.onBack, 'back to the checklist'), when: table && c.filter === '' },
    helpKey(c.onHelp),
    quitKeys(c.onQuit),
  ];
}

/** While the nodes are read, only the keys that leave work. */
export function loadingKeys(
  c: Pick<NodeTableContext, 'onBack' | 'onHelp' | 'onQuit'>,
): KeyBinding[] {
  return [backKey(c.onBack, 'back to the checklist'), helpKey(c.onHelp), quitKeys(c.onQuit)];
}
