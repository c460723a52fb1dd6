import { legacyStep } from '../lifecycle/legacy.js';
import { rbacController } from './controller.js';
import { inspectRbac } from './inspect.js';
import type { RbacEvent, RbacScreenState } from './state.js';

/** The rbac step: who is bound to which role, with a guided user-to-group replacement. */
export const rbacStep = legacyStep<RbacScreenState, RbacEvent>({
  id: 'rbac',
  controller: rbacController,
  inspect: inspectRbac,
});
