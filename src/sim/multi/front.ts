import type { SimRequest, SimResponse } from '../http.js';
import type { HttpsSim } from '../server.js';

/** A cluster the front can hand ARM requests to. */
export interface ClusterRoute {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  https: HttpsSim;
}

const RP = '/providers/Microsoft.ContainerService';
const ONE_CLUSTER = new RegExp(
  `^/subscriptions/([^/]+)/resourceGroups/([^/]+)${RP}/managedClusters/([^/]+)(/.*)?$`,
  'i',
);
const GROUP_LIST = new RegExp(
  `^/subscriptions/([^/]+)/resourceGroups/([^/]+)${RP}/managedClusters$`,
  'i',
);
const SUBSCRIPTION_LIST = new RegExp(`^/subscriptions/([^/]+)${RP}/managedClusters$`, 'i');
// Fleet Manager's own operation polls stay with the front, which serves the fleets.
const LOCATIONS = new RegExp(`^/subscriptions/([^/]+)${RP}/locations/[^/]+/(?!fleet)`, 'i');

/** Whether a name equals a path segment (as sent: percent-encoded), as ARM compares: any case. */
const same = (a: string, segment: string): boolean =>
  a.toLowerCase() === decoded(segment).toLowerCase();

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Makes `front` (the first cluster's server) the one ARM endpoint of several clusters, as ARM is
 * one endpoint for every subscription: a request about another cluster is handed to that cluster's
 * server in-process (its faults and routes answer it), and cluster lists span every cluster.
 */
export function routeToClusters(front: HttpsSim, clusters: ClusterRoute[]): void {
  const [self] = clusters;
  // Requests the front hands on in-process: the front's own server must not route them again.
  const handedOn = new WeakSet<SimRequest>();
  const handOn = (c: ClusterRoute, req: SimRequest): Promise<SimResponse | 'reset'> => {
    const inner = { ...req, params: {} };
    handedOn.add(inner);
    return c.https.dispatch(inner, 'arm');
  };
  front.interceptors.unshift(async (req, api) => {
    if (api !== 'arm' || handedOn.has(req)) return undefined;
    const one = ONE_CLUSTER.exec(req.path);
    if (one) {
      const found = clusters.find(
        (c) =>
          same(c.subscriptionId, one[1]!) &&
          same(c.resourceGroup, one[2]!) &&
          same(c.name, one[3]!),
      );
      return found && found !== self ? handOn(found, req) : undefined;
    }
    if (req.method !== 'GET') return undefined;
    const group = GROUP_LIST.exec(req.path);
    if (group) {
      const inGroup = clusters.filter(
        (c) => same(c.subscriptionId, group[1]!) && same(c.resourceGroup, group[2]!),
      );
      return inGroup.length > 0 ? listOver(req, inGroup, handOn) : undefined;
    }
    const subscription = SUBSCRIPTION_LIST.exec(req.path);
    if (subscription) {
      const inSubscription = clusters.filter((c) => same(c.subscriptionId, subscription[1]!));
      return inSubscription.length > 0 ? listOver(req, inSubscription, handOn) : undefined;
    }
    // Location-level reads (versions, operation polls) of another subscription: its first cluster.
    const location = LOCATIONS.exec(req.path);
    const other = location && clusters.find((c) => same(c.subscriptionId, location[1]!));
    return other && other !== self && !same(other.subscriptionId, self!.subscriptionId)
      ? handOn(other, req)
      : undefined;
  });
}

/** One list over several clusters: each cluster's own list answer, joined in order. */
async function listOver(
  req: SimRequest,
  clusters: ClusterRoute[],
  handOn: (c: ClusterRoute, req: SimRequest) => Promise<SimResponse | 'reset'>,
): Promise<SimResponse | 'reset'> {
  const value: unknown[] = [];
  for (const c of clusters) {
    const answer = await handOn(c, req);
    if (answer === 'reset' || answer.status !== 200) return answer;
    const body = answer.body as { value?: unknown[] } | undefined;
    value.push(...(body?.value ?? []));
  }
  return { status: 200, body: { value } };
}
