import { defineStep } from '../lifecycle/define.js';
import { inspectApiAccess } from './inspect.js';

/** The api-access step: Entra ID, Azure RBAC, local accounts and the API server's exposure. */
export const apiAccessStep = defineStep({
  id: 'api-access',
  inspect: inspectApiAccess,
  initial: undefined,
});
