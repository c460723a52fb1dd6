// STUB: owned by the sim-kube helper.
import type { SimClock } from '../clock.js';
import type { KubeWorld } from '../contracts.js';
import type { HttpsSim } from '../server.js';
import type { TokenTable } from '../tokens.js';

export interface KubeApiOptions {
  clock: SimClock;
  minor: string;
  tokens: TokenTable;
}

export function createKubeApi(_options: KubeApiOptions): {
  world: KubeWorld;
  register(https: HttpsSim): void;
} {
  throw new Error('not built yet');
}
