import type { PoolUpgradeSettings } from '../versions/facts.js';
import type { MaintenanceRead } from '../versions/maintenance-window.js';

/** One node as the node-image step sees it. */
export interface ImageNode {
  name: string;
  /** `kubernetes.azure.com/node-image-version` */
  image?: string;
  /** kured's annotation: when the node last said it needs a reboot. */
  rebootNeededSince?: string;
  /** kured is rebooting it now. */
  rebootInProgress: boolean;
}

/** One agent pool with its image versions and nodes. */
export interface ImagePool {
  name: string;
  osType: string;
  osSKU?: string;
  /** The pool's VM size (e.g. `Standard_NC4as_T4_v3`): GPU sizes narrow the node OS channels. */
  vmSize?: string;
  /**
   * Other VM sizes the pool uses: a VirtualMachines pool may have no `vmSize` but its sizes in
   * `virtualMachinesProfile.scale` (manual and autoscale), and nodes say theirs in
   * `node.kubernetes.io/instance-type`.
   */
  vmSizes?: string[];
  /** A node of the pool carries `kubernetes.azure.com/accelerator` (AKS's GPU node label). */
  accelerator?: string;
  nodeImageVersion?: string;
  latestNodeImageVersion?: string;
  provisioningState: string;
  /** The pool's node count as ARM has it (its batch of surge nodes is a share of it). */
  count?: number;
  /** The pool's upgrade settings (`upgradeSettings`; undefined = AKS defaults): batch and drain rules. */
  drain?: PoolUpgradeSettings;
  nodes: ImageNode[];
}

/** kured as installed on the cluster, if at all. */
export interface KuredFacts {
  installed: boolean;
  /** `namespace/name` of its DaemonSet. */
  daemonSet?: string;
  /** The node holding the reboot lock, from the DaemonSet's lock annotation. */
  lockHolder?: string;
}

/** Everything the node-image checks need. */
export interface NodeImageFacts {
  cluster: string;
  pools: ImagePool[];
  channels: { upgrade?: string; nodeOS?: string };
  kured: KuredFacts;
  /**
   * The planned maintenance configurations (names), or why they could not be read; the inspection
   * always reads them (undefined only in hand-written facts: no window verdict).
   */
  maintenance?: MaintenanceRead;
  /** When the facts were read (ms since epoch), for image ages. */
  now: number;
}
