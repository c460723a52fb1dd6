// Placeholder until the imds step has a screen of its own; until then the generic step frame shows it.
import type { ComponentType } from 'react';
import type { StepScreenProps } from '../../step-screen-props.js';

/** The imds step's own screen, not built yet. */
export const ImdsScreen: ComponentType<StepScreenProps> | undefined = undefined;
