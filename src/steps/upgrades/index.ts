// Placeholder until the upgrades step is built (see the issues): the overview shows it as not built yet.
import type { StepModule } from '../types.js';

/** The upgrades step, not built yet. */
export const upgradesStep: StepModule | undefined = undefined;
