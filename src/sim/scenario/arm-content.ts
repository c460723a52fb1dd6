// What an ARM document describes: a managed cluster, agent pools, or the region's Kubernetes
// versions, found in a resource body, a list, or an official REST API example file wrapping one.
import { field, isObj, str, type Json } from './arm-fields.js';

/** What an ARM document holds: a cluster, pools, the region's versions, or nothing to build from. */
export interface ArmContent {
  cluster?: Json;
  pools?: Json[];
  versions?: Json;
}

/** Finds the resource an ARM document (or an example file wrapping one) describes. */
export function armContent(doc: unknown): ArmContent {
  if (!isObj(doc)) return {};
  const responses = field(doc, 'responses');
  if (isObj(responses)) {
    for (const status of ['200', '201', '202']) {
      const body = field(field(responses, status), 'body');
      const found = armContent(body);
      if (found.cluster || found.pools || found.versions) return found;
    }
    return armContent(field(field(doc, 'parameters'), 'parameters'));
  }
  // A recorded answer: `{operationId, status, body}`.
  if (isObj(field(doc, 'body')) && field(doc, 'properties') === undefined)
    return armContent(field(doc, 'body'));
  if (Array.isArray(field(doc, 'values'))) return { versions: doc };
  const value = field(doc, 'value');
  if (Array.isArray(value)) {
    const first = value.find(isObj);
    return first ? armContent(value.every(isPool) ? { pools: value } : first) : {};
  }
  if (Array.isArray(field(doc, 'pools')))
    return { pools: (field(doc, 'pools') as unknown[]).filter(isObj) };
  // An upgrade profile lists pools and versions, but describes neither a cluster nor a pool.
  if (str(field(doc, 'type'))?.toLowerCase().endsWith('/upgradeprofiles')) return {};
  const props = isObj(field(doc, 'properties')) ? (field(doc, 'properties') as Json) : doc;
  if (Array.isArray(field(props, 'agentPoolProfiles'))) return { cluster: doc };
  if (isPool(doc)) return { pools: [doc] };
  return {};
}

function isPool(o: unknown): boolean {
  const type = str(field(o, 'type'));
  const props = isObj(field(o, 'properties')) ? field(o, 'properties') : o;
  return (
    type?.toLowerCase() === 'microsoft.containerservice/managedclusters/agentpools' ||
    (field(props, 'vmSize') !== undefined && field(props, 'agentPoolProfiles') === undefined)
  );
}
