import type { ComponentType } from 'react';
import type { StepScreenProps } from '../../step-screen-props.js';
import { UpgradesScreen as Screen } from './UpgradesScreen.js';

/** The upgrades step's own screen. */
export const UpgradesScreen: ComponentType<StepScreenProps> | undefined = Screen;
