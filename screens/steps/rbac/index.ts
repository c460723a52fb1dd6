// Placeholder until the rbac step has a screen of its own; until then the generic step frame shows it.
import type { ComponentType } from 'react';
import type { StepScreenProps } from '../../step-screen-props.js';

/** The rbac step's own screen, not built yet. */
export const RbacScreen: ComponentType<StepScreenProps> | undefined = undefined;
