import { legacyStep } from '../lifecycle/legacy.js';
import { imdsController } from './controller.js';
import { inspectImds } from './inspect.js';
import type { ImdsEvent, ImdsState } from './state.js';

/** The imds step: proves per namespace whether pods can reach 169.254.169.254, and closes it. */
export const imdsStep = legacyStep<ImdsState, ImdsEvent>({
  id: 'imds',
  controller: imdsController,
  inspect: inspectImds,
});
