import { legacyStep } from '../lifecycle/legacy.js';
import type { UpgradesOptions } from '../upgrades/controller.js';
import { nodeImageController } from './controller.js';
import { inspectNodeImage } from './inspect.js';
import type { NodeImageState } from './state.js';

/** The node-image step with its timing options (tests run the simulator fast). */
export function makeNodeImageStep(options: UpgradesOptions = {}) {
  return legacyStep<NodeImageState>({
    id: 'node-image',
    controller: nodeImageController(options),
    inspect: inspectNodeImage,
  });
}

/** The node-image step: pools behind the latest image, channels, reboots; pool-by-pool upgrades. */
export const nodeImageStep = makeNodeImageStep();
