import type { Aks } from '../arm/index.js';
import { managedClusterWire } from '../arm/wire.js';
import type { FleetState } from '../fleet/state.js';
import { fleetWire, membersWire } from '../fleet/wire.js';
import type { GraphRow } from './routes.js';

/**
 * What Resource Graph indexes of the simulated world: every managed cluster (readable unless the
 * operator has no role on it), every fleet and fleet member, in its `resources` table shape.
 */
export function graphRows(
  clusters: Aks[],
  fleets: FleetState[],
  fleetsReadable: boolean,
): GraphRow[] {
  const rows: GraphRow[] = clusters.map((aks) => {
    const c = aks.coordinates;
    return {
      row: indexed(managedClusterWire(aks.state), c.subscriptionId, c.resourceGroup),
      readable: aks.provider.descriptor.operator.armRole !== 'none',
    };
  });
  for (const f of fleets) {
    const { subscriptionId, resourceGroup } = f.spec;
    rows.push({
      row: indexed(fleetWire(f), subscriptionId, resourceGroup),
      readable: fleetsReadable,
    });
    for (const m of membersWire(f))
      rows.push({ row: indexed(m, subscriptionId, resourceGroup), readable: fleetsReadable });
  }
  return rows;
}

/** A resource as the `resources` table holds it: lower-case type, its scope as columns. */
function indexed(
  wire: Record<string, unknown>,
  subscriptionId: string,
  resourceGroup: string,
): Record<string, unknown> {
  const { eTag: _eTag, ...rest } = wire;
  return {
    ...rest,
    type: String(wire['type']).toLowerCase(),
    subscriptionId,
    resourceGroup: resourceGroup.toLowerCase(),
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    tags: wire['tags'] ?? {},
  };
}
