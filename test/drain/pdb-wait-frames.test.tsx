// End to end, as the operator sees it: the drain screen, fed by the real controller against the
// simulator, shows a pod waiting on a named PDB (with the time the wait began) while the first
// replacement pod becomes Ready elsewhere, and then the node drained.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKLIST } from '../../src/model/checklist.js';
import type { SessionStore } from '../../src/runbook/session.js';
import { drainCaseNode } from '../../src/sim/scenarios/drain-kubectl.js';
import { DrainScreen } from '../../screens/steps/drain/DrainScreen.js';
import { useSession } from '../../screens/use-session.js';
import { renderInk, type InkHarness } from '../helpers/ink.js';
import { drainRig } from './rig.js';
import { until } from './sim-session.js';

const step = CHECKLIST.find((s) => s.id === 'drain')!;

/** The drain screen, re-rendered on every store change, as the app shell does. */
function LiveDrain({ store }: { store: SessionStore }) {
  const state = useSession(store);
  return (
    <DrainScreen
      step={step}
      status={state.steps.drain}
      view={state.stepViews.drain ?? {}}
      state={state.stepStates.drain}
      send={() => undefined}
      width={80}
      height={21}
      active
      onBack={() => undefined}
      onHelp={() => undefined}
      onQuit={() => undefined}
    />
  );
}

/**
 * Lets the drain run (inside act, so every store update renders) until a frame passes `check`;
 * every distinct frame is kept. The deadline is generous: the machine may be busy.
 */
async function framesUntil(ink: InkHarness, seen: string[], check: (f: string) => boolean) {
  const deadline = Date.now() + 60_000;
  let found: string | undefined;
  await act(async () => {
    while (found === undefined) {
      const frame = ink.frame();
      if (seen.at(-1) !== frame) seen.push(frame);
      if (check(frame)) found = frame;
      else if (Date.now() > deadline) throw new Error(`no such frame; last:\n${frame}`);
      else await new Promise<void>((resolve) => setTimeout(resolve, 1));
    }
  });
  return found!;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('a PDB that unblocks once the replacement pod is Ready, in frames', () => {
  it('shows "waiting on PDB api since hh:mm:ss", then the node drained', async () => {
    // A slow clock (x4): the replacement takes about a second to become Ready.
    const rig = await drainRig('drain-kubectl', {}, 4);
    close = () => rig.close();
    await rig.host.open('drain');
    const ink = await renderInk(<LiveDrain store={rig.store} />);
    const node = drainCaseNode('pdb-clears');
    let sent: Promise<void> | undefined;
    await act(async () => {
      sent = rig.host.send('drain', { type: 'drain', nodes: [node] });
      await until(() => rig.store.getState().confirmation !== undefined, 'the confirm', 60_000);
      rig.store.answer(true);
    });

    const frames: string[] = [];
    const waiting = await framesUntil(ink, frames, (f) =>
      /cases\/api-5c9d7f-\w+\s+⏸ waiting on PDB api since \d\d:\d\d:\d\d/.test(f),
    );
    expect(waiting).toContain(`${node} draining`);
    const done = await framesUntil(ink, frames, (f) => f.includes('Drain finished'));
    await act(async () => {
      await sent;
    });
    expect(done).toMatch(new RegExp(`✔ ${node}: drained \\(2/2 pods moved, cordoned\\)`));
    // The wait came before the end, and both api pods ended gone.
    const firstWait = frames.findIndex((f) => f.includes('waiting on PDB api since'));
    expect(firstWait).toBeLessThan(frames.indexOf(done));
    expect(rig.state().progress?.nodes[0]?.pods.map((p) => p.state)).toEqual(['gone', 'gone']);
    expect(rig.sim.kube.podsOnNode(node).map((p) => p.metadata.labels?.['app'])).toEqual([
      'node-agent',
    ]);
    await ink.unmount();
  }, 120_000);
});
