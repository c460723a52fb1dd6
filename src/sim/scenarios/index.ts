import { minimal } from './minimal.js';
import type { BuiltInScenario } from './types.js';

export type { BuiltInScenario } from './types.js';

/** The scenarios shipped with the program, by name (`--demo` uses `demo`). */
export const builtInScenarios: Record<string, () => BuiltInScenario> = {
  minimal,
};
