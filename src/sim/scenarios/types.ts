import type { KubeObject } from '../contracts.js';

/** A scenario shipped inside the program: YAML texts (named like files) plus generated objects. */
export interface BuiltInScenario {
  files: Array<{ name: string; text: string }>;
  objects?: () => KubeObject[];
}
