import type { StepModule } from '../contract/module.js';
import { drainController, resumeDrain } from './controller.js';
import { inspectDrain } from './inspect.js';

/** The drain step: choose nodes, preview, cordon and drain them with live progress, uncordon. */
export const drainStep: StepModule = {
  id: 'drain',
  controller: drainController(),
  inspect: inspectDrain,
  resume: resumeDrain,
};
