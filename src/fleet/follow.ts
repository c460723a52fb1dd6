import type { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { isFinalRunState, isRunState, type RunView } from '../model/fleet-run.js';
import { visible } from '../model/visible-text.js';
import { renderRun } from '../report/render-update-run.js';
import { fleetError } from './errors.js';
import type { FleetAt } from './locate.js';
import type { FleetRunJournal } from './run-journal.js';
import { runChanges, runViewOf } from './run-view.js';

/** Where following prints: the tree and event lines to `out`, spinner-like lines to `progress`. */
export interface FollowIo {
  out: (text: string) => void;
  progress: (line: string) => void;
  /** Aborts following (Ctrl+C): the run itself goes on in Azure. */
  signal?: AbortSignal;
}

/**
 * Follows an update run until it ends: each change (stage, group, member, wait) as one line,
 * journaled; waits counted down; the final tree. Resolves to the final state, or undefined when
 * following was interrupted (the run goes on; `fleet run show --follow` re-attaches).
 */
export async function followRun(
  client: ContainerServiceFleetClient,
  fleet: FleetAt,
  name: string,
  io: FollowIo,
  journal: FleetRunJournal | undefined,
  everyMs: number,
): Promise<string | undefined> {
  let last: RunView | undefined;
  let lastCountdown = '';
  for (;;) {
    if (io.signal?.aborted) {
      io.out(
        `Stopped following; update run ${name} goes on in Azure. Re-attach: aks-runbook fleet run show -n ${name} --follow\n`,
      );
      await journal?.note('stopped following (interrupted)');
      return undefined;
    }
    let view: RunView;
    try {
      view = runViewOf(
        await client.updateRuns.get(fleet.resourceGroup, fleet.name, name),
        fleet.name,
      );
    } catch (error) {
      throw fleetError(error, `read update run ${name}`);
    }
    for (const line of runChanges(last, view)) {
      io.out(`${new Date().toISOString().slice(11, 19)} ${visible(line)}\n`);
      await journal?.state(line);
    }
    last = view;
    const waiting = view.stages.find((s) => isRunState(s.wait?.state, 'Running'));
    if (waiting?.wait?.startedAt !== undefined) {
      const left = Math.max(
        0,
        Math.ceil(waiting.wait.seconds - (Date.now() - waiting.wait.startedAt) / 1000),
      );
      const line = `waiting after stage ${waiting.name}: ${Math.ceil(left / 60)} min left`;
      if (line !== lastCountdown) io.progress(line);
      lastCountdown = line;
    }
    if (isFinalRunState(view.state)) {
      io.out(renderRun(view, Date.now()));
      const failed = view.stages.flatMap((s) =>
        s.groups.flatMap((g) =>
          g.members.filter((m) => isRunState(m.state, 'Failed')).map((m) => m.name),
        ),
      );
      if (failed.length > 0)
        io.out(
          `Failed: ${failed.join(', ')}. Fix the cause and start the run again, or skip them first: aks-runbook fleet run skip -n ${name} ${failed.map((m) => `--member ${m}`).join(' ')} (same fleet flags), then aks-runbook fleet run start -n ${name} again.\n`,
        );
      return view.state;
    }
    await sleep(everyMs, io.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
