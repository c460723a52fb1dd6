import type { FleetState, RunState } from './state.js';

const TYPE = 'Microsoft.ContainerService/fleets';

/** A fleet as GET returns it. */
export function fleetWire(f: FleetState): Record<string, unknown> {
  return {
    id: f.id,
    name: f.spec.name,
    type: TYPE,
    location: f.spec.location,
    eTag: f.eTag,
    tags: {},
    properties: { provisioningState: 'Succeeded' },
  };
}

/** The members of a fleet as GET returns them. */
export function membersWire(f: FleetState): Array<Record<string, unknown>> {
  return f.members.map((m) => ({
    id: `${f.id}/members/${m.name}`,
    name: m.name,
    type: `${TYPE}/members`,
    eTag: m.eTag,
    properties: {
      clusterResourceId: m.clusterResourceId,
      ...(m.group !== undefined ? { group: m.group } : {}),
      provisioningState: 'Succeeded',
    },
  }));
}

/** One update strategy as GET returns it. */
export function strategyWire(f: FleetState, name: string): Record<string, unknown> | undefined {
  const s = f.strategies.get(name);
  if (!s) return undefined;
  return {
    id: `${f.id}/updateStrategies/${name}`,
    name,
    type: `${TYPE}/updateStrategies`,
    eTag: s.eTag,
    properties: {
      provisioningState: 'Succeeded',
      strategy: {
        stages: s.stages.map((st) => ({ ...st, groups: st.groups.map((g) => ({ name: g })) })),
      },
    },
  };
}

/** An update run as GET returns it: request, provisioning state, and the live status tree. */
export function runWire(f: FleetState, run: RunState): Record<string, unknown> {
  const props: Record<string, unknown> = {
    provisioningState: run.provisioningState,
    managedClusterUpdate: run.update,
    status: {
      status: run.status,
      stages: run.stages,
      nodeImageSelection: {
        selectedNodeImageVersions: run.selectedImages.map((version) => ({ version })),
      },
    },
  };
  if (run.updateStrategyId) props['updateStrategyId'] = run.updateStrategyId;
  if (run.strategy)
    props['strategy'] = {
      stages: run.strategy.map((st) => ({ ...st, groups: st.groups.map((g) => ({ name: g })) })),
    };
  return {
    id: `${f.id}/updateRuns/${run.name}`,
    name: run.name,
    type: `${TYPE}/updateRuns`,
    eTag: run.eTag,
    properties: JSON.parse(JSON.stringify(props)) as unknown,
  };
}
