import { readArmCluster } from '../../azure/cluster.js';
import { armStatusOf } from '../../azure/errors.js';
import { answerFinal, statusWords } from '../../model/answer-final.js';
import { sameArmValue } from '../../checks/arm-enums.js';
import { snapshotPool } from './snapshot.js';
import type { ArmClusterFacts } from '../../model/arm.js';
import type { StepId } from '../../model/checklist.js';
import type { Connection } from '../../model/connection.js';
import { outsideLookBound } from '../../model/look-bound.js';
import { isOngoing, type OperationResource, type RunningOperation } from '../../model/operation.js';
import { foldArm, foldRotation, type ArmStates } from './board-fold.js';
import type { Ending } from './follow.js';
import type { Rotation } from './state.js';

/** A drain of this session's drain step: the nodes it works through and their pools. */
export interface LocalDrain {
  nodes: string[];
  pools: string[];
}

/** How often an operation started elsewhere is read again while it runs (ms). */
const FOLLOW_MS = 5_000;

/**
 * The one running Azure operation of the session, shared by every step and every screen: set the
 * moment this session sends one, found on ARM when someone else started it (on connect, after
 * each change, on `r`), followed to its end, with its abort. AKS runs one operation at a time per
 * cluster, so one is all there is.
 */
export class OperationBoard {
  private op: RunningOperation | undefined;
  /** Whether ARM was read (or an operation sent): from then on the board, not a step's look, knows. */
  private informed = false;
  private following: Promise<void> | undefined;
  private readonly stopped = new AbortController();
  private readonly listeners = new Set<() => void>();
  /** The drain this session runs now (the drain step's), which AKS operations on its pools would cross. */
  private drain: LocalDrain | undefined;
  /** How many ARM reads have begun: each read's stamp. */
  private readsBegun = 0;
  /** The stamp of the ARM read now folded in: an older one that answers later is not. */
  private readApplied = 0;
  /** `readsBegun` when this session last sent, aborted or ended an operation itself. */
  private ownMove = 0;
  /** Whether this session's own poller follows the operation now (else ARM reads follow it). */
  private polled = false;
  /** Whether ARM refused a read of the follow loop: not asked again until a read works. */
  private refused = false;

  constructor(
    private readonly connection: Pick<Connection, 'arm' | 'kc'>,
    private readonly told: (op: RunningOperation | undefined) => void,
    private readonly o: { followMs?: number; now?: () => number } = {},
  ) {}

  /** The operation running now, or the last one (with how it ended). */
  get current(): RunningOperation | undefined {
    return this.op;
  }

  /** Whether the board has read ARM or sent an operation (before that, only a step's look knows). */
  get known(): boolean {
    return this.informed;
  }

  /** Whether an operation runs now (AKS would refuse a new one). */
  get ongoing(): boolean {
    return this.op !== undefined && isOngoing(this.op);
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private set(op: RunningOperation | undefined): void {
    this.op = op;
    this.told(op);
    for (const listener of this.listeners) listener();
  }

  /** The drain this session runs now, if any. */
  get draining(): LocalDrain | undefined {
    return this.drain;
  }

  /** The drain step started (nodes and their pools) or ended (undefined) a drain. */
  drainRuns(drain: LocalDrain | undefined): void {
    this.drain = drain;
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` whenever the operation changes (steps offer their actions again). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The operation the board showed before this session's last `began` (a request not sent restores it). */
  private beforeOwn: RunningOperation | undefined;

  /** This session (its step `step`) sends an operation now. */
  began(resource: OperationResource, what: string, step?: StepId): void {
    this.informed = true;
    this.polled = true;
    this.beforeOwn = this.op;
    this.ownMove = this.readsBegun;
    this.set({
      resource,
      what,
      since: this.now(),
      sinceKnown: true,
      by: 'this session',
      ...(step ? { step } : {}),
      armState: 'sent',
      phase: 'running',
      nodes: [],
    });
  }

  /** The followed operation's nodes moved. */
  rotated(rotation: Rotation): void {
    if (this.op !== undefined && isOngoing(this.op)) this.set(foldRotation(this.op, rotation));
  }

  /** How this session's follow of the operation ended. */
  ended(ending: Ending): void {
    const op = this.op;
    if (!op) return;
    this.ownMove = this.readsBegun;
    const endedAt = this.now();
    if (ending.kind === 'succeeded')
      return this.set({ ...op, phase: 'succeeded', armState: 'Succeeded', nodes: [], endedAt });
    this.polled = false;
    // No answer heard: not failed, not done. ARM's next read says whether it runs (then it is
    // followed here again) or how it ended.
    if (ending.kind === 'left-running') return this.set({ ...op, phase: 'unknown' });
    // Refused on this side before it left: it never ran, so the board shows what it showed before.
    if (ending.kind === 'failed' && ending.failure.notSent) return this.set(this.beforeOwn);
    if (ending.kind === 'unknown')
      return this.set({
        ...op,
        phase: 'unknown',
        ...(ending.accepted ? {} : { unanswered: true }),
      });
    const canceled = /cancel/i.test(ending.failure.code);
    this.set({
      ...op,
      phase: canceled ? 'canceled' : 'failed',
      armState: canceled ? 'Canceled' : 'Failed',
      nodes: [],
      endedAt,
      ...(canceled
        ? {}
        : { error: { code: ending.failure.code, message: ending.failure.message } }),
    });
  }

  /** An abort of the running operation was sent (or refused). */
  aborting(sent: boolean, error?: { code: string; message: string }): void {
    const op = this.op;
    if (!(op !== undefined && isOngoing(op))) return;
    this.ownMove = this.readsBegun;
    if (sent) this.set({ ...op, phase: 'canceling', abort: 'sent' });
    // Refused: it is running as before (unless ARM itself says it is being canceled).
    else
      this.set({
        ...op,
        phase: sameArmValue(op.armState, 'Canceling') ? 'canceling' : 'running',
        abort: 'failed',
        ...(error ? { error } : {}),
      });
  }

  /** An abort got no answer: no claim that it was sent or refused; ARM's state says the phase. */
  abortUnheard(): void {
    const op = this.op;
    if (!(op !== undefined && isOngoing(op))) return;
    this.ownMove = this.readsBegun;
    const { abort: _was, ...rest } = op;
    this.set({ ...rest, phase: sameArmValue(op.armState, 'Canceling') ? 'canceling' : 'running' });
  }

  /**
   * Reads the cluster's and pools' states from ARM and folds them in; an operation started
   * elsewhere is then followed (read again every few seconds) until ARM shows it settled. A read
   * begun before this session sent, aborted or ended an operation, or before a newer read that
   * is folded in already, shows ARM as it was then and is not folded in (it would end an
   * operation just sent, or bring back one that ended).
   */
  async readArm(signal?: AbortSignal): Promise<void> {
    const arm = this.connection.arm;
    if (!arm) return;
    const stamp = ++this.readsBegun;
    await this.learn(await readArmCluster(arm.client, arm.at), signal, stamp);
  }

  /**
   * Folds in the cluster and pools connect read moments ago (`connection.arm.facts`), instead of
   * asking ARM again at the start of a session: one 100-300 ms round trip less before the board
   * knows. Later looks (`r`, after a change, the follow loop) read ARM afresh. `stamp` orders the
   * read among the others (one folded in from connect counts as begun now: nothing moved yet).
   */
  async learn(
    { cluster, pools }: ArmClusterFacts,
    signal?: AbortSignal,
    stamp?: number,
  ): Promise<void> {
    const arm = this.connection.arm;
    if (!arm) return;
    const begun = stamp ?? ++this.readsBegun;
    const outdated = (): boolean => begun <= this.ownMove || begun < this.readApplied;
    const states: ArmStates = {
      cluster: { name: arm.at.name, state: cluster.provisioningState ?? '' },
      pools: pools.map((p) => ({ name: p.name ?? '', state: p.provisioningState ?? '' })),
    };
    if (signal?.aborted || outdated()) return;
    this.informed = true;
    // ARM answered: whatever it refused before, it is read again.
    this.refused = false;
    const known = this.op?.unread ? withoutUnread(this.op) : this.op;
    let next = foldArm(known, states, this.now());
    if (
      next !== undefined &&
      isOngoing(next) &&
      next.by === 'elsewhere' &&
      next.resource.kind === 'pool'
    ) {
      const nodes = await snapshotPool(this.connection.kc, next.resource.name).catch(() => []);
      const budgets = [...new Set(nodes.flatMap((n) => n.blockedBy ?? []))];
      const { stall: _was, ...rest } = next;
      next = {
        ...rest,
        nodes: nodes.filter((n) => n.unschedulable).map((n) => n.name),
        // Started elsewhere: when its drain began is not known, so no countdown.
        ...(budgets.length ? { stall: { budgets } } : {}),
      };
      // Read while the nodes were: what ARM said may have been overtaken meanwhile.
      if (outdated()) return;
    }
    this.readApplied = begun;
    if (next !== this.op) this.set(next);
    if (this.unfollowed(next)) this.follow();
  }

  /** Whether `op` runs with no poller of this session on it: ARM reads must follow it. */
  private unfollowed(op: RunningOperation | undefined): boolean {
    return op !== undefined && isOngoing(op) && (op.by === 'elsewhere' || !this.polled);
  }

  /** Whether the follow loop reads ARM now (it ends when the operation settles or ARM refuses). */
  get followsArm(): boolean {
    return this.following !== undefined;
  }

  /**
   * Reads ARM again until an operation no poller here follows (started elsewhere, or this
   * session's whose answer was lost) has settled (one loop at a time). A read that failed in a
   * way a retry may mend (408, 429, 5xx, the network) is tried again quietly; one ARM refused
   * ends the loop and is said on the operation (see `readFailed`).
   */
  private follow(): void {
    if (this.following) return;
    const pause = this.o.followMs ?? FOLLOW_MS;
    // Outside the look that found it: that look's time limit must not cut this loop's reads.
    this.following = outsideLookBound(async () => {
      while (!this.stopped.signal.aborted && !this.refused && this.unfollowed(this.op)) {
        await new Promise((r) => setTimeout(r, pause));
        if (this.stopped.signal.aborted) break;
        await this.readArm(this.stopped.signal).catch((error: unknown) => this.readFailed(error));
      }
    }).finally(() => (this.following = undefined));
  }

  /**
   * A read of the follow loop failed. Refused by ARM (`answerFinal`: 401, 403, 404, other 4xx):
   * the same read would get the same answer every few seconds while the line stood still, so it
   * is not asked again and the operation says it is not read; a new read (r, a change) asks again.
   */
  private readFailed(error: unknown): void {
    const status = armStatusOf(error);
    if (status === undefined || !answerFinal(status)) return;
    this.refused = true;
    const op = this.op;
    if (op !== undefined && isOngoing(op))
      this.set({ ...op, unread: { status, words: statusWords(status) } });
  }

  /** Stops following (the session ends; the operation goes on in Azure). */
  async stop(): Promise<void> {
    this.stopped.abort();
    await this.following;
  }
}

/** The operation without the refusal said on it: ARM answered again. */
function withoutUnread(op: RunningOperation): RunningOperation {
  const { unread: _was, ...rest } = op;
  return rest;
}
