import type { StepId } from '../model/checklist.js';
import type { StepModule } from './contract/module.js';
import type { StepEventShape } from './contract/view.js';
import { apiAccessStep } from './api-access/index.js';
import { connectStep } from './connect/index.js';
import { containersStep } from './containers/index.js';
import { defenderStep } from './defender/index.js';
import { drainStep } from './drain/index.js';
import { makeFleetStep } from './fleet/index.js';
import { imdsStep } from './imds/index.js';
import { nodeImageStep } from './node-image/index.js';
import { rbacStep } from './rbac/index.js';
import { summaryStep } from './summary/index.js';
import { upgradesStep } from './upgrades/index.js';

/**
 * Every step, by id. Each step lives in its own folder and exports one `StepModule`; its state
 * and event types reach its screen through `registry-types.ts`.
 */
export const STEP_MODULES = {
  connect: connectStep,
  defender: defenderStep,
  'api-access': apiAccessStep,
  rbac: rbacStep,
  imds: imdsStep,
  containers: containersStep,
  upgrades: upgradesStep,
  drain: drainStep,
  'node-image': nodeImageStep,
  // Reaches Fleet Manager only when the program hands it a port (src/cli wires src/fleet's).
  fleet: makeFleetStep(undefined),
  summary: summaryStep,
} satisfies { [K in StepId]: StepModule<unknown, StepEventShape> };
