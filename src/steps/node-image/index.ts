import type { StepModule } from '../contract/module.js';
import { nodeImageController } from './controller.js';
import { inspectNodeImage } from './inspect.js';

/** The node-image step: pools behind the latest image, channels, reboots; pool-by-pool upgrades. */
export const nodeImageStep: StepModule = {
  id: 'node-image',
  controller: nodeImageController(),
  inspect: inspectNodeImage,
};
