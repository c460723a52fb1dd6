import type { InFlightChange } from '../../model/journal.js';
import type { StepController, StepModule } from '../contract/module.js';
import type { ActionEvent, StepEventShape } from '../contract/view.js';
import type { StepDefinition } from './definition.js';
import { StepRun } from './step-session.js';

/** What a step's resume says when the step has nothing of its own to say about it. */
const UNFINISHED = [
  'An earlier session left a change here unfinished; what you see above is the state now.',
];

/**
 * A checklist step from what it supplies: the lifecycle looks on open (again on every open when
 * the step asks), routes action keys to the offered actions and screen events to the step's
 * handlers (both only after a first look), and resumes.
 */
export function defineStep<Facts, State, Event extends StepEventShape = ActionEvent>(
  def: StepDefinition<Facts, State, Event>,
): StepModule<State, Event> {
  return {
    id: def.id,
    ...(def.inspect ? { inspect: def.inspect } : {}),
    start: (ctx) => controllerOf(new StepRun(def, ctx)),
  };
}

function controllerOf<Facts, State, Event extends StepEventShape>(
  run: StepRun<Facts, State, Event>,
): StepController<Event | ActionEvent> {
  const look = async (): Promise<void> => {
    if (!run.looked || run.def.lookOnEveryOpen) await run.look();
    // A look of the step already shown (the one at connect) may still be making its state.
    else await run.shown();
  };
  /** Looks as `look`; false when the look failed and said so on the step (stale, under its result). */
  const looked = (): Promise<boolean> =>
    look().then(
      () => true,
      (error: unknown) => {
        // Said again by the host, its line would replace the result the step keeps.
        if (!run.staleness.saidAlready(error)) throw error;
        return false;
      },
    );
  // Change keys whose press is still being handled (reading before it asks, asking, running): the
  // same key again (a double tap, key repeat) starts nothing, so it neither asks twice nor sends a
  // second request that would fail against the first.
  const pressed = new Set<string>();
  return {
    open: async () => {
      run.onScreen = true;
      await looked();
    },
    close: () => {
      run.onScreen = false;
    },
    send: async (event) => {
      if (!run.looked) return;
      const action = isAction(event) ? run.offered().find((a) => a.key === event.key) : undefined;
      // A look-again key only looks, unless it retries a failed change (on a fresh step): then it
      // is a change key like any other.
      const retries = action !== undefined && run.retries(action);
      const looks = action?.looksAgain === true && !retries;
      const once = action !== undefined && !looks ? action.key : undefined;
      if (once !== undefined && pressed.has(once)) return;
      run.seenFailure();
      // Facts that may be stale plan no change: only looking again, stopping what runs (an abort
      // plans nothing on them), or moving about, is taken.
      const changing = CHANGING.has(event.type) && !looks && action?.stopsOnly !== true;
      if (run.stale && changing) return run.staleness.refuse();
      // On a stale step, a retry pending waits for a look that works: the key looks first.
      if (looks) run.retryWaits(action);
      // A change is planned on the facts shown when its key is taken: a look failing after that
      // (while a preflight or a read before asking runs, or while asked) withdraws it.
      if (once !== undefined) pressed.add(once);
      await run.staleness
        .asKey(retries, async () => {
          if (isAction(event)) {
            if (!action || action.unavailable !== undefined) return;
            // Looking again (and what the step reads with it) is one bounded look; a failed change
            // tried again (retryOrLook) is a change, not a look, and is not bounded so.
            if (looks) {
              // A look that failed has said so on the step (stale, under what stays shown). One
              // that ran out of its bound before its look said so (a read before it hung) failed
              // all the same: the step says so too, instead of keeping its status as if it had
              // looked. One overtaken by a newer look that worked and is shown says nothing.
              const before = run.looksBegun;
              await run
                .bounded(() => Promise.resolve(action.run(run)))
                .catch((error: unknown) => {
                  if (run.stale === undefined && !run.shownSince(before)) run.lookFailed(error);
                });
            } else await action.run(run);
            return;
          }
          const handler = run.def.on?.[event.type as Event['type']];
          await handler?.(event as Extract<Event, { type: Event['type'] }>, run);
        })
        .catch((error: unknown) => {
          // A look the key made that failed has said so on the step, under the result it keeps:
          // said again by the host, its line would replace that result.
          if (!run.staleness.saidAlready(error)) throw error;
        })
        .finally(() => {
          if (once !== undefined) pressed.delete(once);
        });
    },
    resume: async (intents: InFlightChange[]) => {
      // A look that failed ends the resume: it reports on the facts of a look that worked.
      if (!(await looked())) return;
      if (run.def.resume) await run.def.resume(run, intents);
      else run.ctx.show({ result: UNFINISHED });
    },
  };
}

/** Events that start a change (action keys, the drain and rule-fix choices, a fleet strategy). */
const CHANGING = new Set(['action', 'drain', 'cordon', 'uncordon', 'fix', 'strategy']);

function isAction(event: StepEventShape): event is ActionEvent {
  return event.type === 'action';
}
