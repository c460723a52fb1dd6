import { defineStep } from '../lifecycle/define.js';
import { inspectConnect } from './inspect.js';

/** The connect step: the cluster card's facts plus the operator's rights for every later step. */
export const connectStep = defineStep({
  id: 'connect',
  inspect: inspectConnect,
  initial: undefined,
});
