import type { FleetLook, FleetRef } from '../../model/fleet-look.js';
import type { FleetPort } from '../../model/fleet-port.js';
import { isFinalRunState, type RunView } from '../../model/fleet-run.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { failedMembers } from './lines.js';
import type { FleetStepState } from './state.js';

type Session = StepSession<FleetLook, FleetStepState>;

/** Follows a run left running (re-attach): reads only, then looks again. */
export async function attach(
  s: Session,
  port: FleetPort,
  fleet: FleetRef,
  run: string,
): Promise<void> {
  const view = await s.ctx.busy((signal) => follow(s, port, fleet, run, signal));
  s.ctx.show(endOf(view, run));
  await s.look();
}

/** Follows a run on screen: each change as a line, the wait's countdown last. */
export async function follow(
  s: Session,
  port: FleetPort,
  fleet: FleetRef,
  run: string,
  signal: AbortSignal,
): Promise<RunView | undefined> {
  const lines: string[] = [`Following update run ${run} of fleet ${fleet.name}`];
  let countdown: string | undefined;
  const show = () =>
    s.ctx.show({ progress: [...lines.slice(-200), ...(countdown ? [countdown] : [])] });
  show();
  const view = await port.follow(
    s.ctx.connection,
    s.ctx.mode,
    fleet,
    run,
    {
      line: (text) => {
        lines.push(text);
        countdown = undefined;
        show();
      },
      countdown: (text) => {
        countdown = `⏳ ${text}`;
        show();
      },
    },
    signal,
  );
  s.set({ run: { name: run, ...(view ? { view } : {}) } });
  return view;
}

/** The result lines of a followed run: its state, and what to do about failed members. */
export function endOf(view: RunView | undefined, run: string): { result: string[] } {
  if (!view) return { result: [`Update run ${run}: no longer followed; it goes on in Azure.`] };
  const failed = failedMembers(view);
  const result = [
    `Update run ${run}: ${view.state}${view.error ? ` - ${view.error.replace(/\.$/, '')}` : ''}.`,
  ];
  if (failed.length > 0)
    result.push(
      `Failed: ${failed.map((m) => `${m.member} (stage ${m.stage}, group ${m.group})`).join(', ')}. Fix the cause, or skip it (m member, g group, n stage), then s starts the run again.`,
    );
  else if (!isFinalRunState(view.state)) result.push('a follows it again.');
  return { result };
}
