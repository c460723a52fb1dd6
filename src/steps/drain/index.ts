// Placeholder until the drain step is built (see the issues): the overview shows it as not built yet.
import type { StepModule } from '../types.js';

/** The drain step, not built yet. */
export const drainStep: StepModule | undefined = undefined;
