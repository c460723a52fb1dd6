import type { Connection } from './connection.js';
import type {
  FleetLook,
  FleetRef,
  FleetRunRequest,
  FleetSkipTarget,
  FleetStrategyInfo,
} from './fleet-look.js';
import type { RunView, UpdatePlan } from './fleet-run.js';
import type { WireMode } from './session.js';

/** Where a followed run reports: each change as a line, and the wait's countdown. */
export interface FollowLines {
  line: (text: string) => void;
  countdown: (text: string) => void;
}

/**
 * What the TUI's fleet step asks of Fleet Manager. The step (src/steps/fleet) holds the lifecycle:
 * choices, plan on screen, confirmation, journal intent. The reads and writes are the ones
 * `aks-runbook fleet run` uses (src/fleet/tui-port.ts), handed to the step by src/cli, since
 * src/steps may not import src/fleet.
 */
export interface FleetPort {
  /** The fleets around the connected cluster, its membership, the region's versions (reads). */
  look(connection: Connection, mode: WireMode): Promise<FleetLook>;
  /** The run's order and each member's readiness before anything starts (reads). */
  plan(
    connection: Connection,
    mode: WireMode,
    request: FleetRunRequest,
    progress: (line: string) => void,
  ): Promise<UpdatePlan>;
  /** Creates (when new) and starts the run; the run's own journal gets intent and result. */
  start(connection: Connection, mode: WireMode, request: FleetRunRequest): Promise<void>;
  /** Follows a run until it ends or `signal` aborts; resolves to its last view. */
  follow(
    connection: Connection,
    mode: WireMode,
    fleet: FleetRef,
    run: string,
    to: FollowLines,
    signal: AbortSignal,
  ): Promise<RunView | undefined>;
  /** Stops a run (members updating finish; none starts). */
  stop(connection: Connection, mode: WireMode, fleet: FleetRef, run: string): Promise<RunView>;
  /** Skips members, groups or stages of a run. */
  skip(
    connection: Connection,
    mode: WireMode,
    fleet: FleetRef,
    run: string,
    targets: FleetSkipTarget[],
  ): Promise<RunView>;
  /**
   * Creates update strategy `name` of `fleet` with these stages (refused by Azure when one of that
   * name exists); the strategy's own journal gets intent and result, as `fleet strategy create`'s.
   */
  createStrategy(
    connection: Connection,
    mode: WireMode,
    fleet: FleetRef,
    name: string,
    stages: FleetStrategyInfo['stages'],
  ): Promise<void>;
  /** Whether an earlier session started this run, per the run's journal. */
  startedEarlier(fleet: FleetRef, run: string): Promise<boolean>;
}
