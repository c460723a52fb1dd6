import { legacyStep } from '../lifecycle/legacy.js';
import { drainController, resumeDrain } from './controller.js';
import { inspectDrain } from './inspect.js';
import { KUBECTL_TIMINGS, type DrainTimings } from './run/run-drain.js';
import type { DrainEvent, DrainState } from './state.js';

/** The drain step with its timings (tests shorten kubectl's 5 s / 1 s intervals). */
export function makeDrainStep(timings: DrainTimings = KUBECTL_TIMINGS) {
  return legacyStep<DrainState, DrainEvent>({
    id: 'drain',
    controller: drainController(timings),
    inspect: inspectDrain,
    resume: resumeDrain,
  });
}

/** The drain step: choose nodes, preview, cordon and drain them with live progress, uncordon. */
export const drainStep = makeDrainStep();
