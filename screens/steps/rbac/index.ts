import type { ComponentType } from 'react';
import type { StepScreenProps } from '../../step-screen-props.js';
import { RbacScreen as Screen } from './RbacScreen.js';

/** The rbac step's own screen: findings, and the guided replacement of users by Entra groups. */
export const RbacScreen: ComponentType<StepScreenProps> | undefined = Screen;
