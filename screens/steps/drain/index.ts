// Placeholder until the drain step has a screen of its own; until then the generic step frame shows it.
import type { ComponentType } from 'react';
import type { StepScreenProps } from '../../step-screen-props.js';

/** The drain step's own screen, not built yet. */
export const DrainScreen: ComponentType<StepScreenProps> | undefined = undefined;
