import type { KubeObject } from '../contracts.js';
import type { FleetSpec } from '../fleet/spec.js';

/** A scenario shipped inside the program: YAML texts (named like files) plus generated objects. */
export interface BuiltInScenario {
  files: Array<{ name: string; text: string }>;
  objects?: () => KubeObject[];
  /** More clusters served by the same simulator, each with its own Kubernetes API server. */
  members?: Array<{ name: string; files: Array<{ name: string; text: string }> }>;
  /** Fleet Manager fleets over the scenario's clusters. */
  fleets?: FleetSpec[];
}
