// STUB: owned by the sim-aks helper.
import type { HttpsSim } from './server.js';

export interface FaultSpec {
  /** Share (0..1) of calls answered 429. */
  throttle?: number;
}

export function installFaults(_https: HttpsSim, _spec: FaultSpec): void {}
