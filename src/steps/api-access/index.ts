// Placeholder until the api-access step is built (see the issues): the overview shows it as not built yet.
import type { StepModule } from '../types.js';

/** The api-access step, not built yet. */
export const apiAccessStep: StepModule | undefined = undefined;
