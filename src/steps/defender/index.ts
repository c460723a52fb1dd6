import { legacyStep } from '../lifecycle/legacy.js';
import { defenderController, type DefenderOptions } from './controller.js';
import { inspectDefender } from './inspect.js';
import type { DefenderEvent, DefenderScreenState } from './state.js';

/** The defender step with its timing options (tests poll the simulated ARM fast). */
export function makeDefenderStep(options: DefenderOptions = {}) {
  return legacyStep<DefenderScreenState, DefenderEvent>({
    id: 'defender',
    controller: defenderController(options),
    inspect: inspectDefender,
  });
}

/** The defender step: Defender for Containers on the cluster, and optionally turning it on. */
export const defenderStep = makeDefenderStep();
