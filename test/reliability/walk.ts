// A whole session the way the TUI runs it (startSession: connect, journal, every registered step),
// against a simulator in this process, and a walk that opens every step and tries its actions.
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import { CHECKLIST, type StepId } from '../../src/model/checklist.js';
import { SessionStore } from '../../src/runbook/session.js';
import { type ConfirmationRequest, type SessionMode } from '../../src/model/session.js';
import { startSession, type RunningSession } from '../../src/runbook/start-session.js';
import type { Simulator } from '../../src/sim/simulator.js';
import type { StepEvents } from '../../src/steps/registry-types.js';

type StepEvent = StepEvents[StepId];
import { until } from './fault-rig.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A connected session on `connectionFile`, with its store, and the folder its journal is in. */
export async function session(
  connectionFile: string,
  mode: Partial<SessionMode>,
  stateDir = tempDir('rel-walk-'),
): Promise<{ store: SessionStore; running: RunningSession; stateDir: string }> {
  const full: SessionMode = { readOnly: false, dryRun: false, demo: false, ...mode };
  const store = new SessionStore(full);
  const running = await startSession(
    { cloud: 'AzureCloud', demo: false, simConnection: connectionFile },
    store,
    { XDG_STATE_HOME: stateDir, HOME: stateDir },
  );
  if (!running.host) throw new Error(JSON.stringify(store.getState().connection));
  await until(
    () => store.getState().steps.connect.kind !== 'running',
    'the rights preflight',
    60_000,
  );
  return { store, running, stateDir };
}

/** Every letter: any action key a step offers, or might bind without offering. */
export const EVERY_KEY = 'abcdefghijklmnopqrstuvwxyz'.split('');

/** What the walk did, for the test to check. */
export interface Walked {
  asked: ConfirmationRequest[];
  opened: StepId[];
}

/**
 * Opens every checklist step, waits for its inspection, then sends each of `keys(step)` as an
 * action plus the step's own choices (a drain of one node, an upgrade target), answering every
 * confirmation with `accept`. Each send is bounded.
 */
export async function walkEveryStep(
  sim: Simulator,
  store: SessionStore,
  running: RunningSession,
  options: {
    accept: boolean | ((request: ConfirmationRequest, index: number) => boolean);
    keys: (offered: string[]) => string[];
  },
): Promise<Walked> {
  const host = running.host!;
  const asked: ConfirmationRequest[] = [];
  const opened: StepId[] = [];
  const off = store.subscribe(() => {
    const open = store.getState().confirmation;
    if (open && !asked.includes(open)) {
      asked.push(open);
      const { accept } = options;
      const yes = typeof accept === 'boolean' ? accept : accept(open, asked.length - 1);
      setTimeout(() => store.answer(yes), 0);
    }
  });
  const bounded = (what: string, work: Promise<void>) =>
    Promise.race([
      work,
      new Promise<void>((_, reject) =>
        setTimeout(() => reject(new Error(`${what} did not finish`)), 90_000).unref(),
      ),
    ]);
  try {
    for (const step of CHECKLIST) {
      if (step.id === 'connect' || step.id === 'summary') continue;
      await bounded(`opening ${step.id}`, host.open(step.id));
      await until(
        () => store.getState().steps[step.id].kind !== 'running',
        `${step.id} inspected`,
        60_000,
      );
      opened.push(step.id);
      const offered = (store.getState().stepViews[step.id]?.actions ?? [])
        .filter((a) => !a.unavailable)
        .map((a) => a.key);
      const events: StepEvent[] = options.keys(offered).map((key) => ({ type: 'action', key }));
      events.push(...ownChoices(step.id, sim));
      for (const event of events) {
        await bounded(`${step.id} ${JSON.stringify(event)}`, host.send(step.id, event));
      }
    }
  } finally {
    off();
  }
  return { asked, opened };
}

/** The choices a step takes from its own screen, with values from the scenario. */
function ownChoices(id: StepId, sim: Simulator): StepEvent[] {
  // An apps node without the database behind its strict PDB, so a drain does not wait on it.
  const apps = sim.kube
    .listNodes()
    .map((n) => n.metadata.name)
    .filter((n) => n.includes('-apps-'))
    .filter((n) => !sim.kube.podsOnNode(n).some((p) => p.metadata.name.startsWith('orders-db')));
  switch (id) {
    case 'drain':
      return [
        { type: 'options', options: { ...DEFAULT_DRAIN_OPTIONS, timeoutSeconds: 20 } },
        { type: 'drain', nodes: apps.slice(0, 1) },
        { type: 'uncordon', nodes: apps.slice(0, 1) },
      ];
    case 'upgrades':
      return [
        { type: 'target', version: '1.32.5' },
        { type: 'action', key: 'c' },
      ];
    case 'imds':
      return [
        { type: 'toggle', namespace: 'shop' },
        { type: 'action', key: 'a' },
      ];
    case 'defender':
      return [
        {
          type: 'workspace',
          id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z',
        },
      ];
    default:
      return [];
  }
}
