import { UserError, messageOf } from '../errors.js';
import { connect, type Connection, type ConnectDeps } from '../target/connect.js';
import { fixedTokenCredential } from '../target/credential.js';
import type { TargetOptions } from '../target/options.js';
import type { Simulator } from '../sim/simulator.js';
import { CHECKLIST } from './checklist.js';
import { Journal } from './journal.js';
import type { SessionStore } from './session.js';

/** A running session: the connection (when it succeeded), its journal, and how to end it. */
export interface RunningSession {
  connection?: Connection;
  journal?: Journal;
  /** Closes the journal and stops the simulated cluster, if one was started. */
  stop(): Promise<void>;
}

/**
 * Connects to the target (starting the simulated cluster first for `--demo`) and fills the
 * store: the cluster card, which steps can run, the journal path. Failures land in the store
 * as one line; they never throw past here.
 */
export async function startSession(
  target: TargetOptions,
  store: SessionStore,
  env: NodeJS.ProcessEnv,
): Promise<RunningSession> {
  let sim: Simulator | undefined;
  let journal: Journal | undefined;
  const stop = async (): Promise<void> => {
    await journal?.close();
    await sim?.close();
  };
  const onProgress = (detail: string): void =>
    store.update({ connection: { phase: 'connecting', detail } });
  try {
    let resolved = target;
    const deps: ConnectDeps = { env, onProgress };
    if (target.demo) {
      onProgress('Starting the simulated AKS cluster');
      const { startSimulator } = await import('../sim/simulator.js');
      sim = await startSimulator(target.scenario ? { scenario: target.scenario } : {});
      // From here the demo takes the same ARM path as a real cluster, with a local credential.
      resolved = {
        ...target,
        subscription: sim.arm.subscriptionId,
        resourceGroup: sim.arm.resourceGroup,
        name: sim.arm.name,
      };
      Object.assign(deps, {
        credential: fixedTokenCredential(sim.arm.token),
        armEndpoint: sim.arm.endpoint,
        caCert: sim.caCert,
      });
    }
    const connection = await connect(resolved, deps);
    journal = await Journal.open({
      cluster: connection.summary.name,
      mode: store.getState().mode,
      env,
    });
    if (sim) journal.addSecret(sim.arm.token);
    const token = connection.kc.getCurrentUser()?.token;
    if (token) journal.addSecret(token);
    await journal.note('connect', 'connected', {
      server: connection.kubeServer,
      version: connection.summary.serverVersion,
      source: connection.summary.source,
    });
    store.update({
      connection: {
        phase: 'connected',
        cluster: connection.summary,
        armMissing: connection.armMissing,
      },
      journalPath: journal.path,
    });
    store.setStep('connect', { kind: 'ok' });
    if (connection.armMissing) {
      for (const step of CHECKLIST.filter((s) => s.needsArm)) {
        store.setStep(step.id, { kind: 'unavailable', why: connection.armMissing });
      }
    }
    return { connection, journal, stop };
  } catch (error) {
    const message =
      error instanceof UserError ? error.message : `unexpected failure: ${messageOf(error)}`;
    store.update({ connection: { phase: 'failed', message } });
    store.setStep('connect', { kind: 'unavailable', why: message });
    return { journal, stop };
  }
}
