import { fleetPort } from '../fleet/tui-port.js';
import { makeFleetStep } from '../steps/fleet/index.js';
import type { StepModules } from '../steps/registry-types.js';

/** The steps the TUI wires with parts the steps may not import: the fleet step's Fleet Manager. */
export function wiredSteps(env: NodeJS.ProcessEnv): Partial<StepModules> {
  return { fleet: makeFleetStep(fleetPort(env)) };
}
