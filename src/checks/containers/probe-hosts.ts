import type { ContainerSpec } from '../../model/pods.js';

/**
 * Pod Security Standards, baseline (Kubernetes 1.34+), "Probes / Lifecycle Hooks": the `host` of
 * an httpGet or tcpSocket probe or lifecycle handler must be unset. The kubelet makes those
 * connections from the node, so a host sends them wherever it says (the node's own services, the
 * metadata endpoint). The hosts a container's probes and hooks name, each once, in order.
 */
export function handlerHosts(c: ContainerSpec): string[] {
  const handlers = [
    c.livenessProbe,
    c.readinessProbe,
    c.startupProbe,
    c.lifecycle?.postStart,
    c.lifecycle?.preStop,
  ];
  const hosts = handlers.flatMap((h) => [h?.httpGet?.host, h?.tcpSocket?.host]);
  return [...new Set(hosts.filter((h): h is string => h !== undefined && h !== ''))];
}
