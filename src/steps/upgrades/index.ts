import type { StepModule } from '../contract/module.js';
import { upgradesController } from './controller.js';
import { inspectUpgrades } from './inspect.js';

/** The upgrades step: versions, blockers, then control plane and pools upgraded one at a time. */
export const upgradesStep: StepModule = {
  id: 'upgrades',
  controller: upgradesController(),
  inspect: inspectUpgrades,
};
