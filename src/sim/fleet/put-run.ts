import { newETag } from '../arm/state.js';
import { jsonBody, type SimRequest, type SimResponse } from '../http.js';
import { armError } from '../server.js';
import { runStagesOf, type ClusterUpdate, type FleetState, type RunState } from './state.js';

interface RunBody {
  properties?: {
    updateStrategyId?: string;
    strategy?: {
      stages?: Array<{
        name?: string;
        groups?: Array<{ name?: string }>;
        afterStageWaitInSeconds?: number;
      }>;
    };
    managedClusterUpdate?: {
      upgrade?: { type?: string; kubernetesVersion?: string };
      nodeImageSelection?: { type?: string };
    };
  };
}

/**
 * PUT of an update run, checked as Fleet Manager does: the run's name; If-None-Match; a run that
 * has started cannot be changed; the upgrade type and its Kubernetes version; the node image
 * selection; the strategy (by id, in this fleet, or inline stages). Resolves to the stored run or
 * the ARM error to answer with.
 */
export function putRun(
  q: SimRequest,
  f: FleetState,
): { status: 200 | 201; run: RunState } | SimResponse {
  const name = q.params['updateRunName'] ?? '';
  if (!/^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$/.test(name))
    return armError(
      400,
      'InvalidResourceName',
      `Update run name ${name} must be 1-50 lower-case letters, digits and dashes.`,
    );
  const existing = f.runs.get(name);
  if (existing && q.headers['if-none-match'] === '*')
    return armError(412, 'PreconditionFailed', `Update run ${name} already exists.`);
  if (existing && existing.status.state !== 'NotStarted')
    return armError(
      409,
      'Conflict',
      `Update run ${name} has started and can no longer be changed.`,
    );
  const props = jsonBody<RunBody>(q)?.properties;
  const upgrade = props?.managedClusterUpdate?.upgrade;
  const type = upgrade?.type;
  if (type !== 'Full' && type !== 'ControlPlaneOnly' && type !== 'NodeImageOnly')
    return armError(
      400,
      'BadRequest',
      'managedClusterUpdate.upgrade.type must be Full, ControlPlaneOnly or NodeImageOnly.',
    );
  if (type !== 'NodeImageOnly' && !upgrade?.kubernetesVersion)
    return armError(
      400,
      'BadRequest',
      `An upgrade of type ${type} needs managedClusterUpdate.upgrade.kubernetesVersion.`,
    );
  if (type === 'NodeImageOnly' && upgrade?.kubernetesVersion)
    return armError(400, 'BadRequest', 'A NodeImageOnly upgrade takes no kubernetesVersion.');
  const selection = props?.managedClusterUpdate?.nodeImageSelection?.type ?? 'Latest';
  if (selection !== 'Latest' && selection !== 'Consistent')
    return armError(400, 'BadRequest', 'nodeImageSelection.type must be Latest or Consistent.');
  let stages: RunState['strategy'];
  let strategyId: string | undefined;
  if (props?.updateStrategyId) {
    const strategyName = /\/updateStrategies\/([^/]+)$/i.exec(props.updateStrategyId)?.[1] ?? '';
    const key = [...f.strategies.keys()].find(
      (n) => n.toLowerCase() === strategyName.toLowerCase(),
    );
    if (!key || !props.updateStrategyId.toLowerCase().startsWith(f.id.toLowerCase()))
      return armError(
        400,
        'BadRequest',
        `Update strategy ${props.updateStrategyId} was not found in fleet ${f.spec.name}.`,
      );
    stages = f.strategies.get(key)!.stages;
    strategyId = props.updateStrategyId;
  } else if (props?.strategy?.stages) {
    stages = props.strategy.stages.map((s) => ({
      name: s.name ?? '',
      groups: (s.groups ?? []).map((g) => g.name ?? ''),
      ...(s.afterStageWaitInSeconds !== undefined
        ? { afterStageWaitInSeconds: s.afterStageWaitInSeconds }
        : {}),
    }));
  }
  const update: ClusterUpdate = {
    upgrade: {
      type,
      ...(upgrade?.kubernetesVersion ? { kubernetesVersion: upgrade.kubernetesVersion } : {}),
    },
    nodeImageSelection: { type: selection },
  };
  const run: RunState = {
    name,
    eTag: newETag(),
    provisioningState: 'Succeeded',
    update,
    // A run made from a strategy keeps a snapshot of its stages in `strategy` (UpdateRunProperties:
    // later changes to the strategy do not reach the run).
    ...(strategyId ? { updateStrategyId: strategyId } : {}),
    ...(stages ? { strategy: stages.map((s) => ({ ...s, groups: [...s.groups] })) } : {}),
    status: { state: 'NotStarted' },
    stages: runStagesOf(f, stages),
    selectedImages: [],
    stopRequested: false,
  };
  f.runs.set(name, run);
  return { status: existing ? 200 : 201, run };
}
