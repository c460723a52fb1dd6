import type { StepModule } from '../contract/module.js';
import { imdsController } from './controller.js';
import { inspectImds } from './inspect.js';

/** The imds step: proves per namespace whether pods can reach 169.254.169.254, and closes it. */
export const imdsStep: StepModule = {
  id: 'imds',
  controller: imdsController,
  inspect: inspectImds,
};
