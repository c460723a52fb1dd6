import type { ComponentType } from 'react';
import type { StepScreenProps } from '../../step-screen-props.js';
import { ImdsScreen as Screen } from './ImdsScreen.js';

/** The imds step's own screen: the namespace table with include/exclude, filter, apply, roll back. */
export const ImdsScreen: ComponentType<StepScreenProps> | undefined = Screen;
