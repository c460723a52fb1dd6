import { simpleStep } from '../simple-step.js';
import type { StepModule } from '../contract/module.js';
import { inspectApiAccess } from './inspect.js';

/** The api-access step: Entra ID, Azure RBAC, local accounts and the API server's exposure. */
export const apiAccessStep: StepModule = {
  id: 'api-access',
  controller: simpleStep({ id: 'api-access', inspect: inspectApiAccess }),
  inspect: inspectApiAccess,
};
