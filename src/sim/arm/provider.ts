import type { SimClock } from '../clock.js';
import type { KubeWorld } from '../contracts.js';
import type { SimResponse } from '../http.js';
import { deprecatedApiBlock, type OverrideSettings } from './deprecated-block.js';
import type { AksDescriptor } from '../scenario.js';
import { OperationCanceled, OperationFailure } from './drain.js';
import type { Operation, OperationStore } from './operations.js';
import { rollPool, type RollTarget } from './roll.js';
import { isBusy, newETag, type ClusterState, type PoolState } from './state.js';

/** Simulated duration of a control-plane upgrade and of a plain update (ms). */
export const CONTROL_PLANE_UPGRADE_MS = 240_000;
export const UPDATE_MS = 60_000;

/** A unit of work run as one long-running operation; `progress` takes 0..1. */
type Work = (op: Operation, progress: (share: number) => void) => Promise<void>;

/**
 * The resource provider's behaviour: starts operations, runs them on the clock against the
 * Kubernetes world, and leaves the resources in Succeeded, Failed or Canceled.
 */
export class Provider {
  constructor(
    readonly cluster: ClusterState,
    readonly descriptor: AksDescriptor,
    readonly ops: OperationStore,
    private readonly kube: KubeWorld,
    private readonly clock: SimClock,
    /** Forced outcome of every operation (the `operationOutcome` fault). */
    private readonly forcedOutcome?: 'Failed' | 'Canceled',
  ) {}

  pool(name: string): PoolState | undefined {
    return this.cluster.pools.find((p) => p.name.toLowerCase() === name.toLowerCase());
  }

  /** The operation in the way of a new one, if any (cluster-wide, as AKS serialises them). */
  busy(): Operation | undefined {
    return this.ops.running((op) => op.what !== 'Aborting');
  }

  /** Starts `work` as an operation; resources get `what` as provisioning state until it ends. */
  run(what: string, pools: PoolState[], onCluster: boolean, work: Work, pool?: string): Operation {
    const op = this.ops.start(what, pool);
    if (onCluster) this.setState(this.cluster, what);
    for (const p of pools) this.setState(p, what);
    const progress = (share: number): void => {
      op.percentComplete = Math.max(op.percentComplete, Math.min(99, Math.round(share * 100)));
    };
    void (async () => {
      try {
        if (this.forcedOutcome === 'Failed') {
          await this.clock.sleep(UPDATE_MS);
          throw new OperationFailure(
            'InternalOperationError',
            'The operation failed (simulated fault). Please retry; if it fails again, open a support request.',
          );
        }
        if (this.forcedOutcome === 'Canceled') {
          await this.clock.sleep(UPDATE_MS);
          throw new OperationCanceled();
        }
        await work(op, progress);
        this.end(op, onCluster, pools, 'Succeeded');
      } catch (error) {
        if (error instanceof OperationCanceled) this.end(op, onCluster, pools, 'Canceled');
        else if (error instanceof OperationFailure)
          this.end(op, onCluster, pools, 'Failed', { code: error.code, message: error.message });
        else
          this.end(op, onCluster, pools, 'Failed', {
            code: 'InternalOperationError',
            message: String(error),
          });
      }
    })();
    return op;
  }

  private setState(r: ClusterState | PoolState, state: string): void {
    r.provisioningState = state;
    r.eTag = newETag();
    if (state !== 'Failed') delete r.provisioningError;
  }

  private end(
    op: Operation,
    onCluster: boolean,
    pools: PoolState[],
    status: 'Succeeded' | 'Failed' | 'Canceled',
    error?: { code: string; message: string },
  ): void {
    const targets: Array<ClusterState | PoolState> = onCluster ? [this.cluster, ...pools] : pools;
    for (const r of targets) {
      // A pool that finished its part before a later pool failed stays Succeeded.
      if (status !== 'Succeeded' && !isBusy(r.provisioningState) && r !== this.cluster) continue;
      this.setState(r, status);
      if (error) r.provisioningError = error;
    }
    this.ops.finish(op, status, error);
  }

  /** A context for rolling a pool within `op`; progress maps into [from, to]. */
  rollContext(op: Operation, progress: (share: number) => void, from: number, to: number) {
    return {
      kube: this.kube,
      clock: this.clock,
      cluster: this.cluster,
      checkCancel: () => {
        if (op.cancelRequested) throw new OperationCanceled();
      },
      bypassBudgets: this.forceUpgradeActive(),
      progress: (share: number) => progress(from + (to - from) * share),
    };
  }

  /** Whether the cluster's force-upgrade override holds now (forceUpgrade, until in the future). */
  private forceUpgradeActive(): boolean {
    const o = this.cluster.upgradeOverride;
    return o?.forceUpgrade === true && !!o.until && Date.parse(o.until) > this.clock.now();
  }

  /** Control plane to `to`, then each listed pool one after the other (AKS's cluster upgrade). */
  /** AKS's deprecated-API validation of a control-plane upgrade to `to` (a refusal, or undefined). */
  deprecatedApiBlock(to: string, override: OverrideSettings | undefined): SimResponse | undefined {
    return deprecatedApiBlock(
      this.cluster.currentKubernetesVersion,
      to,
      this.kube.deprecatedWritesSince(0),
      override,
      this.clock.now(),
    );
  }

  upgradeCluster(to: string, pools: PoolState[]): Operation {
    this.cluster.kubernetesVersion = to;
    for (const p of pools) p.orchestratorVersion = to;
    return this.run('Upgrading', pools, true, async (op, progress) => {
      if (this.cluster.currentKubernetesVersion !== to) {
        await this.sleepChecked(op, CONTROL_PLANE_UPGRADE_MS);
        this.cluster.currentKubernetesVersion = to;
      }
      progress(0.2);
      for (const [i, p] of pools.entries()) {
        const share = 0.8 / pools.length;
        await this.rollVersion(
          p,
          this.rollContext(op, progress, 0.2 + i * share, 0.2 + (i + 1) * share),
        );
        this.setState(p, 'Succeeded');
      }
    });
  }

  /** One pool to `to` (PUT agentPool with a new orchestratorVersion, or a same-version reconcile). */
  upgradePool(p: PoolState, to: string): Operation {
    p.orchestratorVersion = to;
    return this.run(
      'Upgrading',
      [p],
      false,
      async (op, progress) => {
        await this.rollVersion(p, this.rollContext(op, progress, 0, 1));
      },
      p.name,
    );
  }

  private async rollVersion(p: PoolState, ctx: ReturnType<Provider['rollContext']>): Promise<void> {
    // A Kubernetes upgrade also moves the pool to the newest node image, as AKS does.
    const target: RollTarget = { kubelet: p.orchestratorVersion, image: p.latestNodeImageVersion };
    await rollPool(ctx, p, target);
    p.currentOrchestratorVersion = p.orchestratorVersion;
    p.nodeImageVersion = p.latestNodeImageVersion;
  }

  /** The pool's nodes to its latest node image, same Kubernetes version. */
  upgradeNodeImage(p: PoolState): Operation {
    return this.run(
      'UpgradingNodeImageVersion',
      [p],
      false,
      async (op, progress) => {
        const target: RollTarget = {
          kubelet: p.currentOrchestratorVersion,
          image: p.latestNodeImageVersion,
        };
        await rollPool(this.rollContext(op, progress, 0, 1), p, target);
        p.nodeImageVersion = p.latestNodeImageVersion;
      },
      p.name,
    );
  }

  /** A plain update (Defender, access profile, upgrade settings, ...): applied at the end. */
  update(apply: () => void, p?: PoolState): Operation {
    return this.run(
      'Updating',
      p ? [p] : [],
      !p,
      async (op) => {
        await this.sleepChecked(op, UPDATE_MS);
        apply();
      },
      p?.name,
    );
  }

  /** Sleeps in small steps so an abort is noticed soon. */
  private async sleepChecked(op: Operation, ms: number): Promise<void> {
    for (let left = ms; left > 0; left -= 10_000) {
      await this.clock.sleep(Math.min(10_000, left));
      if (op.cancelRequested) throw new OperationCanceled();
    }
  }

  /** Asks the running operation to stop; returns the abort's own operation (done when it stopped). */
  abort(target: Operation): Operation {
    target.cancelRequested = true;
    const onCluster = target.pool === undefined;
    const state = onCluster ? this.cluster : this.pool(target.pool ?? '');
    if (state) state.provisioningState = 'Canceling';
    const abort = this.ops.start('Aborting', target.pool);
    void target.done.then(() => this.ops.finish(abort, 'Succeeded'));
    return abort;
  }
}
