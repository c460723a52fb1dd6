// Placeholder until the imds step is built (see the issues): the overview shows it as not built yet.
import type { StepModule } from '../types.js';

/** The imds step, not built yet. */
export const imdsStep: StepModule | undefined = undefined;
