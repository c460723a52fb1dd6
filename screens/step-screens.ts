import type { ComponentType } from 'react';
import type { StepId } from '../src/model/checklist.js';
import type { StepScreenProps } from './step-screen-props.js';
import { DefenderScreen } from './steps/defender/index.js';
import { DrainScreen } from './steps/drain/index.js';
import { ImdsScreen } from './steps/imds/index.js';
import { NodeImageScreen } from './steps/node-image/index.js';
import { RbacScreen } from './steps/rbac/index.js';
import { UpgradesScreen } from './steps/upgrades/index.js';

/** Steps with a screen of their own; the others use the generic step frame. */
export const STEP_SCREENS: Partial<Record<StepId, ComponentType<StepScreenProps>>> = {
  defender: DefenderScreen,
  rbac: RbacScreen,
  imds: ImdsScreen,
  upgrades: UpgradesScreen,
  drain: DrainScreen,
  'node-image': NodeImageScreen,
};
