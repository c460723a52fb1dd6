import type { ComponentType } from 'react';
import type { StepScreenProps } from '../../step-screen-props.js';
import { DrainScreen as Screen } from './DrainScreen.js';

/** The drain step's own screen: node table, preview, options, live progress. */
export const DrainScreen: ComponentType<StepScreenProps> | undefined = Screen;
