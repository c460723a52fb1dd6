/** The fields of pods and their owners the container checks read, as the API server returns them. */

/** `seccompProfile` / `appArmorProfile`. */
export interface SecurityProfile {
  type: string;
  localhostProfile?: string;
}

/** `seLinuxOptions` of a pod or container: the SELinux label its processes get. */
export interface SELinuxOptions {
  user?: string;
  role?: string;
  type?: string;
  level?: string;
}

/** A container's own securityContext. */
export interface ContainerSecurity {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsUser?: number;
  runAsNonRoot?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: SecurityProfile;
  appArmorProfile?: SecurityProfile;
  seLinuxOptions?: SELinuxOptions;
  /** `Default` keeps the runtime's masked /proc paths; `Unmasked` removes them. */
  procMount?: string;
  windowsOptions?: WindowsOptions;
}

/** `windowsOptions` of a pod or container: what Windows uses instead of the Linux fields. */
export interface WindowsOptions {
  /** A HostProcess container runs as a process on the Windows node, with its privileges. */
  hostProcess?: boolean;
  runAsUserName?: string;
}

/** The pod-level securityContext: defaults that container-level fields override. */
export interface PodSecurity {
  runAsUser?: number;
  runAsNonRoot?: boolean;
  seccompProfile?: SecurityProfile;
  appArmorProfile?: SecurityProfile;
  seLinuxOptions?: SELinuxOptions;
  /** Kernel parameters set for the pod's namespaces. */
  sysctls?: Array<{ name: string; value?: string }>;
  windowsOptions?: WindowsOptions;
}

/** A container, init container or ephemeral container. */
export interface ContainerSpec {
  name: string;
  securityContext?: ContainerSecurity;
  /** Declared ports; a non-zero `hostPort` binds the node's own address. */
  ports?: Array<{ containerPort?: number; hostPort?: number }>;
  livenessProbe?: HostHandler;
  readinessProbe?: HostHandler;
  startupProbe?: HostHandler;
  lifecycle?: { postStart?: HostHandler; preStop?: HostHandler };
}

/**
 * A probe or lifecycle handler, as far as the checks read it: the `host` its HTTP or TCP check
 * connects to (the kubelet connects from the node; unset means the pod's own IP).
 */
export interface HostHandler {
  httpGet?: { host?: string };
  tcpSocket?: { host?: string };
}

/** Who owns an object. */
export interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

/** Metadata the checks use. */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: { [key: string]: string };
  annotations?: { [key: string]: string };
  ownerReferences?: OwnerRef[];
}

/** A pod. */
export interface PodObject {
  metadata?: ObjectMeta;
  spec?: {
    hostNetwork?: boolean;
    hostPID?: boolean;
    hostIPC?: boolean;
    /** false: the pod runs in its own user namespace (root in it is not root on the node). */
    hostUsers?: boolean;
    /** `windows` or `linux`; the API server refuses Linux-only securityContext fields on Windows pods. */
    os?: { name: string };
    nodeSelector?: { [key: string]: string };
    /** Only the required node affinity: it, with nodeSelector, decides which nodes may run the pod. */
    affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector } };
    securityContext?: PodSecurity;
    containers: ContainerSpec[];
    initContainers?: ContainerSpec[];
    ephemeralContainers?: ContainerSpec[];
    volumes?: PodVolume[];
  };
}

/**
 * A volume: its name and the key of its source (`configMap`, `nfs`, ...). Only hostPath's value is
 * read; the other sources may be kept as `{}` (the lean pod list keeps which source, not its body).
 */
export type PodVolume = { name: string; hostPath?: { path: string } } & Record<string, unknown>;

/** `nodeSelectorTerms` of a required node affinity: the terms are ORed, a term's parts ANDed. */
export interface NodeSelector {
  nodeSelectorTerms?: Array<{
    matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
    matchFields?: Array<{ key: string; operator: string; values?: string[] }>;
  }>;
}

/** A ReplicaSet or Job: only its metadata matters (who owns it). */
export interface OwnedObject {
  metadata?: ObjectMeta;
}

/** A pod template: what the next pod of a workload is made from. */
export interface PodTemplate {
  metadata?: Pick<ObjectMeta, 'labels' | 'annotations'>;
  spec?: PodObject['spec'];
}

/** The workload kinds whose pod template the container checks judge. */
export type ControllerKind =
  'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob';

/**
 * A workload controller as the template checks read it: where it is, its pod template (a
 * CronJob's under `jobTemplate`), and what says whether and why it has no pods.
 */
export interface ControllerObject {
  kind: ControllerKind;
  metadata?: ObjectMeta;
  spec?: {
    replicas?: number;
    suspend?: boolean;
    template?: PodTemplate;
    jobTemplate?: { spec?: { template?: PodTemplate } };
  };
  status?: {
    /** A Job's `Complete` / `Failed` conditions tell it will start no pod again. */
    conditions?: Array<{ type: string; status: string }>;
    /** A DaemonSet's count of nodes that should run its pod. */
    desiredNumberScheduled?: number;
  };
}

/** Everything the container checks need. */
export interface ContainerFacts {
  pods: PodObject[];
  /** ReplicaSets and Jobs, to follow pods up to their Deployment or CronJob. */
  intermediates: OwnedObject[];
  /**
   * The workload controllers whose templates are judged when none of their pods is in `pods`
   * (Deployments, StatefulSets, DaemonSets, CronJobs, and ReplicaSets and Jobs no one owns).
   * Absent: not read (facts of pods alone).
   */
  controllers?: ControllerObject[];
  /** Lists refused with 403 (e.g. `pods`): never treated as empty. */
  forbidden: string[];
}
