import { simpleStep } from '../simple-step.js';
import type { StepModule } from '../contract/module.js';
import { inspectConnect } from './inspect.js';

/** The connect step: the cluster card's facts plus the operator's rights for every later step. */
export const connectStep: StepModule = {
  id: 'connect',
  controller: simpleStep({ id: 'connect', inspect: inspectConnect }),
  inspect: inspectConnect,
};
