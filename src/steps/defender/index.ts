import type { StepModule } from '../contract/module.js';
import { defenderController } from './controller.js';
import { inspectDefender } from './inspect.js';

/** The defender step: Defender for Containers on the cluster, and optionally turning it on. */
export const defenderStep: StepModule = {
  id: 'defender',
  controller: defenderController(),
  inspect: inspectDefender,
};
