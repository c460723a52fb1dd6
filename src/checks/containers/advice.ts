/** What a container check's finding says after the workload's kind, and how to fix it. */
export interface ContainerAdvice {
  title: string;
  remediation: string;
}

/** Every container check: its finding id, with the advice its findings carry. */
export const CONTAINER_ADVICE = {
  'containers.privileged': {
    title: 'runs privileged containers',
    remediation: 'Set privileged: false; grant only the capability the container needs.',
  },
  'containers.root': {
    title: 'may run as root',
    remediation:
      'Set runAsNonRoot: true and a non-zero runAsUser; build the image with a non-root USER.',
  },
  'containers.privilege-escalation': {
    title: 'allows privilege escalation',
    remediation: 'Set allowPrivilegeEscalation: false on every container.',
  },
  'containers.host-namespace': {
    title: "shares the node's namespaces",
    remediation: 'Remove hostNetwork/hostPID/hostIPC unless the workload is a node agent.',
  },
  'containers.host-path': {
    title: 'mounts node directories',
    remediation: 'Use a PersistentVolume, ConfigMap or emptyDir instead of hostPath.',
  },
  'containers.capabilities': {
    title: 'keeps or adds Linux capabilities',
    remediation: 'Drop ALL capabilities and add back only what is needed (e.g. NET_BIND_SERVICE).',
  },
  'containers.seccomp': {
    title: 'runs without a seccomp filter',
    remediation: 'Set seccompProfile type RuntimeDefault at pod level.',
  },
  'containers.apparmor': {
    title: 'runs AppArmor unconfined',
    remediation: 'Set appArmorProfile type RuntimeDefault, or remove the unconfined annotation.',
  },
  'containers.host-port': {
    title: "binds ports on the node's address",
    remediation: 'Remove hostPort; expose the port through a Service instead.',
  },
  'containers.selinux': {
    title: 'sets a custom SELinux label',
    remediation:
      'Remove seLinuxOptions user and role; keep type unset or a container type (container_t).',
  },
  'containers.proc-mount': {
    title: 'unmasks /proc',
    remediation: 'Remove procMount (or set it to Default).',
  },
  'containers.probe-host': {
    title: 'points probes or lifecycle hooks at another host',
    remediation:
      'Remove host from the httpGet/tcpSocket probes and hooks: the kubelet then checks the pod itself.',
  },
  'containers.volume-type': {
    title: 'uses a volume type the restricted standard forbids',
    remediation:
      'Mount the storage through a PersistentVolumeClaim (or a CSI driver); keep inline volumes to configMap, secret, emptyDir, projected, downwardAPI, ephemeral.',
  },
  'containers.sysctls': {
    title: 'sets sysctls outside the safe set',
    remediation:
      'Remove the sysctl from the pod, or set it on the node pool (AKS custom node configuration).',
  },
} as const satisfies Record<`containers.${string}`, ContainerAdvice>;

/** The id of a container check's finding. */
export type ContainerCheckId = keyof typeof CONTAINER_ADVICE;
