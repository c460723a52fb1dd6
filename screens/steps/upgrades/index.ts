// Placeholder until the upgrades step has a screen of its own; until then the generic step frame shows it.
import type { ComponentType } from 'react';
import type { StepScreenProps } from '../../step-screen-props.js';

/** The upgrades step's own screen, not built yet. */
export const UpgradesScreen: ComponentType<StepScreenProps> | undefined = undefined;
