// STUB: owned by the sim-aks helper; replace with the schema-validated loader.
import type { KubeObject, SimIdentity } from './contracts.js';
import type { FaultSpec } from './faults.js';

export interface AksDescriptor {
  kubernetesMinor: string;
  clockSpeed?: number;
  operator: SimIdentity;
  faults?: FaultSpec;
}

export interface Scenario {
  name: string;
  descriptor: AksDescriptor;
  objects: KubeObject[];
}

export function loadScenario(name: string): Promise<Scenario> {
  return Promise.resolve({
    name,
    descriptor: { kubernetesMinor: '32', operator: { user: 'operator@contoso.com', groups: [] } },
    objects: [],
  });
}
