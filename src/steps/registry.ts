import type { StepId } from '../runbook/checklist.js';
import type { StepModule } from './types.js';
import { apiAccessStep } from './api-access/index.js';
import { connectStep } from './connect/index.js';
import { containersStep } from './containers/index.js';
import { defenderStep } from './defender/index.js';
import { drainStep } from './drain/index.js';
import { imdsStep } from './imds/index.js';
import { nodeImageStep } from './node-image/index.js';
import { rbacStep } from './rbac/index.js';
import { upgradesStep } from './upgrades/index.js';

/** Every built step, by id. Each step lives in its own folder and exports one `StepModule`. */
export const STEP_MODULES: Partial<Record<StepId, StepModule>> = Object.fromEntries(
  [
    connectStep,
    defenderStep,
    apiAccessStep,
    rbacStep,
    imdsStep,
    containersStep,
    upgradesStep,
    drainStep,
    nodeImageStep,
  ]
    .filter((m): m is StepModule => m !== undefined)
    .map((m) => [m.id, m]),
);
