// Placeholder until the node-image step has a screen of its own; until then the generic step frame shows it.
import type { ComponentType } from 'react';
import type { StepScreenProps } from '../../step-screen-props.js';

/** The node-image step's own screen, not built yet. */
export const NodeImageScreen: ComponentType<StepScreenProps> | undefined = undefined;
