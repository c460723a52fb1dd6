import type { ComponentType } from 'react';
import type { StepScreenProps } from '../../step-screen-props.js';
import { NodeImageScreen as Screen } from './NodeImageScreen.js';

/** The node-image step's own screen. */
export const NodeImageScreen: ComponentType<StepScreenProps> | undefined = Screen;
