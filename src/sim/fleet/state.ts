import { newETag } from '../arm/state.js';
import type { RunState as FleetUpdateState } from '../../model/fleet-run.js';
import type { FleetSpec, FleetStrategySpec } from './spec.js';

/** Fleet Manager's update states (`UpdateState`): the same list the client reads. */
export type UpdateState = FleetUpdateState;

/** `UpdateStatus` as the wire has it. */
export interface UpdateStatus {
  state: UpdateState;
  startTime?: string;
  completedTime?: string;
  error?: { code: string; message: string };
}

export interface MemberRunStatus {
  name: string;
  clusterResourceId: string;
  operationId?: string;
  message?: string;
  status: UpdateStatus;
}

export interface GroupRunStatus {
  name: string;
  status: UpdateStatus;
  members: MemberRunStatus[];
}

export interface StageRunStatus {
  name: string;
  status: UpdateStatus;
  groups: GroupRunStatus[];
  afterStageWaitStatus?: { status: UpdateStatus; waitDurationInSeconds: number };
}

/** What an update run changes (`managedClusterUpdate`). */
export interface ClusterUpdate {
  upgrade: { type: 'Full' | 'ControlPlaneOnly' | 'NodeImageOnly'; kubernetesVersion?: string };
  nodeImageSelection?: { type: 'Latest' | 'Consistent' };
}

/** One update run: its request, live status and what the engine is told. */
export interface RunState {
  name: string;
  eTag: string;
  provisioningState: string;
  update: ClusterUpdate;
  strategy?: FleetStrategySpec['stages'];
  updateStrategyId?: string;
  status: UpdateStatus;
  stages: StageRunStatus[];
  selectedImages: string[];
  stopRequested: boolean;
  /** The engine's loop, while it runs. */
  loop?: Promise<void>;
}

export interface MemberState {
  name: string;
  clusterResourceId: string;
  group?: string;
  eTag: string;
}

/** A fleet as the simulated resource provider holds it. */
export interface FleetState {
  id: string;
  spec: FleetSpec;
  eTag: string;
  members: MemberState[];
  strategies: Map<string, { stages: FleetStrategySpec['stages']; eTag: string }>;
  runs: Map<string, RunState>;
}

/** The ARM id of a cluster. */
export function clusterResourceId(subscriptionId: string, group: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters/${name}`;
}

/** Builds a fleet's live state from the scenario. */
export function fleetStateOf(spec: FleetSpec): FleetState {
  return {
    id: `/subscriptions/${spec.subscriptionId}/resourceGroups/${spec.resourceGroup}/providers/Microsoft.ContainerService/fleets/${spec.name}`,
    spec,
    eTag: newETag(),
    members: spec.members.map((m) => ({
      name: m.name,
      clusterResourceId: clusterResourceId(
        m.subscriptionId ?? spec.subscriptionId,
        m.resourceGroup,
        m.cluster,
      ),
      ...(m.group !== undefined ? { group: m.group } : {}),
      eTag: newETag(),
    })),
    strategies: new Map(
      spec.strategies.map((s) => [s.name, { stages: s.stages, eTag: newETag() }]),
    ),
    runs: new Map(),
  };
}

/**
 * The stages of a run: the strategy's, each group holding the fleet members of that update group;
 * without a strategy every member on its own, one after the other (as Fleet Manager does).
 */
export function runStagesOf(
  fleet: FleetState,
  stages: FleetStrategySpec['stages'] | undefined,
): StageRunStatus[] {
  const notStarted = (): UpdateStatus => ({ state: 'NotStarted' });
  const memberStatus = (m: MemberState): MemberRunStatus => ({
    name: m.name,
    clusterResourceId: m.clusterResourceId,
    status: notStarted(),
  });
  if (!stages) {
    return fleet.members.map((m) => ({
      name: m.name,
      status: notStarted(),
      groups: [{ name: m.name, status: notStarted(), members: [memberStatus(m)] }],
    }));
  }
  return stages.map((s) => ({
    name: s.name,
    status: notStarted(),
    groups: s.groups.map((g) => ({
      name: g,
      status: notStarted(),
      members: fleet.members.filter((m) => m.group === g).map(memberStatus),
    })),
    ...(s.afterStageWaitInSeconds
      ? {
          afterStageWaitStatus: {
            status: notStarted(),
            waitDurationInSeconds: s.afterStageWaitInSeconds,
          },
        }
      : {}),
  }));
}

/** Whether a status is final for the engine (nothing more to do there). */
export function isDone(s: UpdateStatus): boolean {
  return s.state === 'Completed' || s.state === 'Skipped';
}
