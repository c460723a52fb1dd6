// Placeholder until the node-image step is built (see the issues): the overview shows it as not built yet.
import type { StepModule } from '../types.js';

/** The node-image step, not built yet. */
export const nodeImageStep: StepModule | undefined = undefined;
