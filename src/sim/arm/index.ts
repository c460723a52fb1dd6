// STUB: owned by the sim-aks helper.
import type { SimClock } from '../clock.js';
import type { KubeWorld } from '../contracts.js';
import type { Scenario } from '../scenario.js';
import type { HttpsSim } from '../server.js';

export interface AksOptions {
  clock: SimClock;
  kube: KubeWorld;
  scenario: Scenario;
  https: HttpsSim;
  caCert: string;
}

export function createAks(_options: AksOptions): {
  coordinates: { subscriptionId: string; resourceGroup: string; name: string; location: string };
  register(https: HttpsSim): void;
  userKubeconfig(): string;
} {
  throw new Error('not built yet');
}
