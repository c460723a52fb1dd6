// Transitional: the controllers written before the lifecycle, adapted to the step contract while
// each moves to `defineStep`. Removed once the last one has moved.
import type { InFlightChange } from '../../model/journal.js';
import type {
  InspectContext,
  Inspection,
  StepContext as TypedContext,
  StepModule,
} from '../contract/module.js';
import type { ActionEvent, StepEventShape } from '../contract/view.js';

/** An operator choice sent from a step's screen to its controller. */
export type StepEvent = ActionEvent | { type: string; [field: string]: unknown };
/** The context the older controllers were written against. */
export type StepContext = TypedContext<unknown>;
/** A controller written before the lifecycle. */
export interface StepController {
  open(): Promise<void>;
  send(event: StepEvent): Promise<void>;
}
/** How such a controller is made. */
export type StepFactory = (ctx: StepContext) => StepController;

/** A step whose controller predates the lifecycle, as a step module. */
export function legacyStep<State, Event extends StepEventShape = ActionEvent>(m: {
  id: StepModule['id'];
  controller: StepFactory;
  inspect?: (ctx: InspectContext) => Promise<Inspection<unknown>>;
  resume?: (ctx: StepContext, intents: InFlightChange[]) => Promise<void>;
}): StepModule<State, Event> {
  return {
    id: m.id,
    ...(m.inspect ? { inspect: m.inspect } : {}),
    start: (typed) => {
      const ctx = typed as unknown as StepContext;
      const controller = m.controller(ctx);
      return {
        open: () => controller.open(),
        send: (event) => controller.send(event as StepEvent),
        resume: async (intents) => {
          await controller.open();
          if (m.resume) await m.resume(ctx, intents);
          else
            ctx.show({
              result: [
                'An earlier session left a change here unfinished; what you see above is the state now.',
              ],
            });
        },
      };
    },
  };
}
