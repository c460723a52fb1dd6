import type { ComponentType } from 'react';
import type { StepId } from '../src/model/checklist.js';
import { lazyScreen, type LazyScreen } from './lazy-screen.js';
import type { StepScreenProps } from './step-screen-props.js';

/** The own screens of steps, each typed for its step; the others use the generic step frame. */
export type StepScreens = { [K in StepId]?: ComponentType<StepScreenProps<K>> };

type LazyStepScreens = { [K in StepId]?: LazyScreen<StepScreenProps<K>> };

// Each step's screen is a chunk of its own, loaded after the first frame (see `lazyScreen`).
const LAZY: LazyStepScreens = {
  defender: lazyScreen(
    async () => (await import('./steps/defender/DefenderScreen.js')).DefenderScreen,
  ),
  rbac: lazyScreen(async () => (await import('./steps/rbac/RbacScreen.js')).RbacScreen),
  imds: lazyScreen(async () => (await import('./steps/imds/ImdsScreen.js')).ImdsScreen),
  upgrades: lazyScreen(
    async () => (await import('./steps/upgrades/UpgradesScreen.js')).UpgradesScreen,
  ),
  drain: lazyScreen(async () => (await import('./steps/drain/DrainScreen.js')).DrainScreen),
  'node-image': lazyScreen(
    async () => (await import('./steps/node-image/NodeImageScreen.js')).NodeImageScreen,
  ),
  fleet: lazyScreen(async () => (await import('./steps/fleet/FleetScreen.js')).FleetScreen),
};

/** Steps with a screen of their own. */
export const STEP_SCREENS = Object.fromEntries(
  Object.entries(LAZY).map(([id, lazy]) => [id, lazy.Screen]),
) as StepScreens;

/** Loads every step screen's code (after the first frame, so no key waits on a load). */
export async function preloadStepScreens(): Promise<void> {
  await Promise.all(Object.values(LAZY).map((lazy) => lazy.preload()));
}
