import { legacyStep } from '../lifecycle/legacy.js';
import { upgradesController, type UpgradesOptions } from './controller.js';
import { inspectUpgrades } from './inspect.js';
import type { UpgradesEvent, UpgradesState } from './state.js';

/** The upgrades step with its timing options (tests run the simulator fast). */
export function makeUpgradesStep(options: UpgradesOptions = {}) {
  return legacyStep<UpgradesState, UpgradesEvent>({
    id: 'upgrades',
    controller: upgradesController(options),
    inspect: inspectUpgrades,
  });
}

/** The upgrades step: versions, blockers, then control plane and pools upgraded one at a time. */
export const upgradesStep = makeUpgradesStep();
