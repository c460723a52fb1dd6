import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { addArmPolicies, armClientOptions, type ArmConnection } from './client.js';

/** A Fleet Manager client of the fleet's subscription, with the tool's ARM policies. */
export function createFleetClient(c: ArmConnection): ContainerServiceFleetClient {
  const client = new ContainerServiceFleetClient(
    c.credential,
    c.subscriptionId,
    armClientOptions(c),
  );
  addArmPolicies(client.pipeline, c);
  return client;
}
