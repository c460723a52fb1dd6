import type { TokenCredential } from '@azure/core-auth';
import type { ArmConnection } from '../azure/client.js';
import type { CloudName } from '../azure/clouds.js';
import { boundsFromEnv } from '../model/bounds.js';
import type { WireMode } from '../model/session.js';
import { azureSignIn, fixedTokenCredential } from '../target/credential.js';
import { simulatorAccess } from '../runbook/connect-target.js';

/** Where fleet commands reach ARM: Azure with the operator's sign-in, or a simulator. */
export interface FleetTarget {
  cloud: CloudName;
  demo: boolean;
  scenario?: string;
  simConnection?: string;
}

/** An ARM connection without a subscription yet, and how to end it (stops a --demo simulator). */
export interface FleetAccess {
  connection: Omit<ArmConnection, 'subscriptionId'>;
  /** The simulator's token, to keep out of journals. */
  secret?: string;
  /** Whether this is the simulator (its subscriptions are all in scope by default). */
  simulated: boolean;
  close(): Promise<void>;
}

/** Signs in (or starts / reads the simulator) once for a fleet command. */
export async function fleetAccess(
  target: FleetTarget,
  env: NodeJS.ProcessEnv,
  mode: WireMode,
  onProgress: (line: string) => void = () => undefined,
): Promise<FleetAccess> {
  const local = await simulatorAccess(
    {
      cloud: target.cloud,
      demo: target.demo,
      ...(target.scenario !== undefined ? { scenario: target.scenario } : {}),
      ...(target.simConnection !== undefined ? { simConnection: target.simConnection } : {}),
    },
    onProgress,
  );
  // AKS_RUNBOOK_REQUEST_TIMEOUT, AKS_RUNBOOK_RETRY_WAIT_MAX, … hold for fleet commands too.
  const bounds = boundsFromEnv(env);
  if (!local) {
    const credential: TokenCredential = await azureSignIn(target.cloud, env);
    return {
      connection: { credential, cloud: target.cloud, mode, bounds },
      simulated: false,
      close: () => Promise.resolve(),
    };
  }
  return {
    connection: {
      credential: fixedTokenCredential(local.access.armToken),
      cloud: target.cloud,
      mode,
      bounds,
      endpoint: local.access.armEndpoint,
      caCert: local.access.caCert,
    },
    secret: local.access.armToken,
    simulated: true,
    close: async () => {
      await local.sim?.close();
    },
  };
}
