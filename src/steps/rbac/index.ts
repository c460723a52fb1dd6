import type { StepModule } from '../contract/module.js';
import { rbacController } from './controller.js';
import { inspectRbac } from './inspect.js';

/** The rbac step: who is bound to which role, with a guided user-to-group replacement. */
export const rbacStep: StepModule = {
  id: 'rbac',
  controller: rbacController,
  inspect: inspectRbac,
};
