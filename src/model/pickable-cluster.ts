import type { ListedCluster } from './arm.js';
import type { SupportStatus } from './inventory.js';

/** A cluster the TUI's picker offers: as ARM lists it, with what the inventory adds when read. */
export interface PickableCluster extends ListedCluster {
  /** Whether AKS supports its Kubernetes version now (from the inventory). */
  support?: SupportStatus;
  /** `fleet/update group` when it is a Fleet Manager member. */
  fleet?: string;
  /** Its worst risks, short keys (`unsupported`, `public-api`), worst first. */
  signals?: string[];
}
