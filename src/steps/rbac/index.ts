// Placeholder until the rbac step is built (see the issues): the overview shows it as not built yet.
import type { StepModule } from '../types.js';

/** The rbac step, not built yet. */
export const rbacStep: StepModule | undefined = undefined;
