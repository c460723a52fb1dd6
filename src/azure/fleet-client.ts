import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { addArmPolicies, type ArmConnection } from './client.js';
import { cloudEndpoints } from './clouds.js';
import { DEFAULT_BOUNDS } from '../model/bounds.js';

/** A Fleet Manager client of the fleet's subscription, with the tool's ARM policies. */
export function createFleetClient(c: ArmConnection): ContainerServiceFleetClient {
  const cloud = cloudEndpoints(c.cloud);
  const bounds = c.bounds ?? DEFAULT_BOUNDS;
  const client = new ContainerServiceFleetClient(c.credential, c.subscriptionId, {
    endpoint: c.endpoint ?? cloud.armEndpoint,
    credentials: { scopes: [cloud.armScope] },
    ...(c.caCert ? { tlsOptions: { ca: c.caCert } } : {}),
    retryOptions: { maxRetries: 3, maxRetryDelayInMs: bounds.retryWaitMaxMs },
    userAgentOptions: { userAgentPrefix: 'aks-runbook' },
  });
  addArmPolicies(client.pipeline, c);
  return client;
}
