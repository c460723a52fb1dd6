import type { SimClock } from '../clock.js';
import type { Controllers } from './controllers.js';
import type { Evictor } from './eviction.js';
import type { DisruptionController } from './pdb-status.js';
import type { PodLifecycle } from './pods.js';
import type { Authorizer } from './rbac.js';
import type { Store } from './store.js';
import type { DeprecatedApiLog } from './deprecated-apis.js';

/** Everything a request handler may need, built once by createKubeApi. */
export interface KubeContext {
  store: Store;
  clock: SimClock;
  pods: PodLifecycle;
  controllers: Controllers;
  disruption: DisruptionController;
  evictor: Evictor;
  authz: Authorizer;
  /** Deprecated API versions: which are served, and which clients used (the metric). */
  deprecated: DeprecatedApiLog;
  /** The policy engine the cluster runs now: its CRDs are served only while it does. */
  engine: () => 'none' | 'calico' | 'azure' | 'cilium';
}
