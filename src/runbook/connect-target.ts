import { UserError, messageOf } from '../model/errors.js';
import { connect, type EarlyRead } from '../target/connect.js';
import { type Connection } from '../model/connection.js';
import { fixedTokenCredential } from '../target/credential.js';
import type { TargetOptions } from '../target/options.js';
import type { Simulator } from '../sim/simulator.js';
import type { SimConnection } from '../sim/connection-file.js';
import type { WireMode } from '../model/session.js';
import type { WaitNotice } from '../model/bounds.js';

/** A connection and, for `--demo`, the simulator started for it (the caller stops it). */
export interface ReachedTarget {
  connection: Connection;
  sim?: Simulator;
  /** The token the simulator issued, to keep out of journals. */
  simToken?: string;
}

/** How to connect: the environment, the mode the wire enforces, and where progress goes. */
export interface ConnectHow {
  env: NodeJS.ProcessEnv;
  mode: WireMode;
  onProgress?: (detail: string) => void;
  /** Told of a retry wait long enough to show. */
  onWait?: (wait: WaitNotice) => void;
  /** Ends every request at once when it aborts (the audit's time limit). */
  deadline?: AbortSignal;
  /** Called once connect's first requests are on the wire (see `ConnectDeps`). */
  onRequestsOut?: () => void;
  /** Told the cluster's name once known (see `ConnectDeps`). */
  onNamed?: (name: string) => void;
  /** Reads sent with connect's first ones for the steps (see `ConnectDeps`). */
  earlyReads?: (withArm: boolean) => readonly EarlyRead[];
}

/**
 * Connects to the target the command line named; for `--demo` and `--sim-connection` through the
 * simulator's ARM endpoint with its own credential, exactly as a real cluster is reached.
 * If connecting fails after a simulator was started, the simulator is closed before throwing.
 */
export async function connectTarget(
  target: TargetOptions,
  how: ConnectHow,
): Promise<ReachedTarget> {
  const { env, mode } = how;
  const onProgress = how.onProgress ?? (() => undefined);
  const extra = {
    ...(how.onWait ? { onWait: how.onWait } : {}),
    ...(how.deadline ? { deadline: how.deadline } : {}),
    ...(how.onRequestsOut ? { onRequestsOut: how.onRequestsOut } : {}),
    ...(how.onNamed ? { onNamed: how.onNamed } : {}),
    ...(how.earlyReads ? { earlyReads: how.earlyReads } : {}),
  };
  const local = await simulatorAccess(target, onProgress);
  if (!local) return { connection: await connect(target, { env, mode, onProgress, ...extra }) };
  try {
    const connection = await connect(
      {
        ...target,
        subscription: target.subscription ?? local.access.subscriptionId,
        resourceGroup: target.resourceGroup ?? local.access.resourceGroup,
        name: target.name ?? local.access.name,
      },
      {
        env,
        mode,
        onProgress,
        ...extra,
        credential: fixedTokenCredential(local.access.armToken),
        armEndpoint: local.access.armEndpoint,
        caCert: local.access.caCert,
        // The simulator serves Microsoft Graph on the same port as ARM.
        graphEndpoint: local.access.armEndpoint,
      },
    );
    const speed = local.access.clockSpeed;
    const reached: ReachedTarget = {
      connection: speed && speed !== 1 ? { ...connection, timeScale: speed } : connection,
      simToken: local.access.armToken,
    };
    if (local.sim) reached.sim = local.sim;
    return reached;
  } catch (error) {
    await local.sim?.close();
    throw error;
  }
}

/**
 * For `--demo`, starts the simulated cluster; for `--sim-connection`, reads how to reach a running
 * one. Either way: the ARM endpoint, its CA and a token the simulator issued.
 */
export async function simulatorAccess(
  target: TargetOptions,
  onProgress: (detail: string) => void,
): Promise<{ access: SimConnection; sim?: Simulator } | undefined> {
  if (target.simConnection) {
    const { readSimConnection } = await import('../sim/connection-file.js');
    return { access: await readSimConnection(target.simConnection) };
  }
  if (!target.demo) return undefined;
  onProgress('Starting the simulated AKS cluster');
  const { startSimulator } = await import('../sim/simulator.js');
  // A scenario that cannot be loaded is the operator's input: one line, as for the TUI.
  const sim = await startSimulator(target.scenario ? { scenario: target.scenario } : {}).catch(
    (error: unknown) => {
      throw error instanceof UserError
        ? error
        : new UserError(`the scenario cannot be used: ${messageOf(error)}`);
    },
  );
  const { simConnectionOf } = await import('../sim/connection-file.js');
  const access = simConnectionOf(sim);
  return { access, sim };
}
