// Keypress to frame on 5,000-row lists, in our own screens (compiled, production React), rendered
// by ink-testing-library in an 80x24 fake terminal: the time from writing ↓ to the next frame.
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { planNode } from '../../dist/src/checks/drain/plan.js';
import { DEFAULT_DRAIN_OPTIONS } from '../../dist/src/model/drain.js';
import { CHECKLIST } from '../../dist/src/model/checklist.js';
import { KeyBusProvider } from '../../dist/screens/KeyBusProvider.js';
import { DrainScreen } from '../../dist/screens/steps/drain/DrainScreen.js';
import { UserPicker } from '../../dist/screens/steps/rbac/UserPicker.js';
import { machineLoad, summary } from './lib.mjs';

export const ROWS = 5000;
const DOWN = '\u001B[B';
const ENTER = '\r';
const SIZE = { columns: 80, rows: 24 };
const noop = () => undefined;

const pod = (i) => ({
  namespace: `team-${String(i % 500).padStart(3, '0')}`,
  name: `svc-${i % 6}-${i.toString(36).padStart(5, '0')}`,
  uid: `uid-${i}`,
  phase: 'Running',
  labels: { app: `svc-${i % 6}` },
  controller: { kind: 'ReplicaSet', name: `svc-${i % 6}-rs` },
  mirror: false,
  emptyDir: false,
  terminating: false,
  ready: true,
});

function drainState(nodeCount, podsOnFirst) {
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    name: `aks-pool${i % 10}-12345678-vmss${i.toString(36).padStart(6, '0')}`,
    pool: `pool${i % 10}`,
    ready: true,
    schedulable: true,
    conditions: [],
    rebootNeeded: i % 7 === 0,
    kuredLock: false,
    podCount: i === 0 ? podsOnFirst : 30,
  }));
  const world = { daemonSets: new Set(), pdbs: [] };
  const few = [pod(1), pod(2)];
  const many = Array.from({ length: podsOnFirst }, (_, i) => pod(i));
  const previews = Object.fromEntries(
    nodes.map((n, i) => [
      n.name,
      planNode(n.name, i === 0 ? many : few, world, DEFAULT_DRAIN_OPTIONS),
    ]),
  );
  return {
    phase: 'choose',
    cluster: 'aks-large',
    nodes,
    previews,
    options: DEFAULT_DRAIN_OPTIONS,
    rights: {},
    readOnly: false,
    dryRun: false,
    leftCordoned: [],
  };
}

function drainScreen(state) {
  return createElement(DrainScreen, {
    step: CHECKLIST.find((s) => s.id === 'drain'),
    status: { kind: 'ok' },
    view: {},
    state,
    send: noop,
    width: SIZE.columns,
    height: SIZE.rows - 3,
    active: true,
    onBack: noop,
    onHelp: noop,
    onQuit: noop,
  });
}

function userPicker(count) {
  const candidates = Array.from({ length: count }, (_, i) => ({
    id: `rb-${i}`,
    binding: `RoleBinding/team-${String(i % 500).padStart(3, '0')}/binding-${i}`,
    user: `user${i}@contoso.com`,
    userKind: 'upn',
    role: i % 3 === 0 ? 'edit' : 'view',
    adminLevel: false,
  }));
  return createElement(UserPicker, {
    candidates,
    height: SIZE.rows - 3,
    active: true,
    onPick: noop,
    onBack: noop,
    onHelp: noop,
    onQuit: noop,
  });
}

/** Waits (on the macrotask queue, 2 s at most) until Ink has written more than `count` frames. */
async function nextFrame(ink, count) {
  const deadline = performance.now() + 2000;
  while (ink.frames.length <= count) {
    if (performance.now() > deadline) throw new Error('no frame within 2 s of the key');
    await new Promise((r) => setImmediate(r));
  }
}

/** Renders `tree`, optionally presses `setup` keys, then times `presses` ↓ keys one by one. */
async function measure(tree, { setup = [], presses }) {
  const firstStarted = performance.now();
  // Screens get their keys from the app's key bus, as in the app.
  const ink = render(createElement(KeyBusProvider, null, tree));
  for (const key of ['columns', 'rows'])
    Object.defineProperty(ink.stdout, key, { value: SIZE[key], configurable: true });
  ink.stdout.emit('resize');
  await nextFrame(ink, 0);
  const firstRenderMs = performance.now() - firstStarted;
  for (const key of setup) {
    const count = ink.frames.length;
    ink.stdin.write(key);
    await nextFrame(ink, count);
  }
  const times = [];
  for (let i = 0; i < presses; i++) {
    const count = ink.frames.length;
    const started = performance.now();
    ink.stdin.write(DOWN);
    await nextFrame(ink, count);
    times.push(performance.now() - started);
  }
  const lastFrameLines = (ink.lastFrame() ?? '').split('\n').length;
  ink.unmount();
  ink.cleanup();
  return { firstRenderMs, keyMs: summary(times), lastFrameLines, load: machineLoad() };
}

/** Runs the keypress comparison on nodes, pods and bindings lists. */
export async function benchKeys(presses) {
  return {
    rows: ROWS,
    nodes: await measure(drainScreen(drainState(ROWS, 2)), { presses }),
    pods: await measure(drainScreen(drainState(2, ROWS)), { setup: [ENTER], presses }),
    bindings: await measure(userPicker(ROWS), { presses }),
  };
}
