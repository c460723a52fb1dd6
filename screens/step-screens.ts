import type { ComponentType } from 'react';
import type { StepId } from '../src/model/checklist.js';
import type { StepScreenProps } from './step-screen-props.js';
import { DefenderScreen } from './steps/defender/DefenderScreen.js';
import { DrainScreen } from './steps/drain/DrainScreen.js';
import { FleetScreen } from './steps/fleet/FleetScreen.js';
import { ImdsScreen } from './steps/imds/ImdsScreen.js';
import { NodeImageScreen } from './steps/node-image/NodeImageScreen.js';
import { RbacScreen } from './steps/rbac/RbacScreen.js';
import { UpgradesScreen } from './steps/upgrades/UpgradesScreen.js';

/** The own screens of steps, each typed for its step; the others use the generic step frame. */
export type StepScreens = { [K in StepId]?: ComponentType<StepScreenProps<K>> };

/** Steps with a screen of their own. */
export const STEP_SCREENS: StepScreens = {
  defender: DefenderScreen,
  rbac: RbacScreen,
  imds: ImdsScreen,
  upgrades: UpgradesScreen,
  drain: DrainScreen,
  'node-image': NodeImageScreen,
  fleet: FleetScreen,
};
