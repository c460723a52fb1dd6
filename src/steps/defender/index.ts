// Placeholder until the defender step is built (see the issues): the overview shows it as not built yet.
import type { StepModule } from '../types.js';

/** The defender step, not built yet. */
export const defenderStep: StepModule | undefined = undefined;
