import { createHash } from 'node:crypto';
import type { KubeObject } from '../contracts.js';
import type { ClusterState, PoolState } from './state.js';

/** Node name as AKS makes it: `aks-<pool>-<8 digits>-vmss<6 base36>`; Windows `<pool>` + 6 base36 (max 15 chars). */
export function nodeName(pool: PoolState, instance: number): string {
  const id = instance.toString(36).padStart(6, '0');
  if (pool.osType === 'Windows') return `${pool.name.slice(0, 9)}${id}`;
  return `aks-${pool.name}-${pool.vmssDigits}-vmss${id}`;
}

/** Which pool a node belongs to, by AKS's label. */
export function poolOfNode(node: KubeObject): string | undefined {
  return node.metadata.labels?.['kubernetes.azure.com/agentpool'];
}

const SIZES: Record<string, { cpu: number; memGi: number }> = {
  Standard_D2ds_v5: { cpu: 2, memGi: 8 },
  Standard_D4ds_v5: { cpu: 4, memGi: 16 },
  Standard_D8ds_v5: { cpu: 8, memGi: 32 },
  Standard_D2s_v3: { cpu: 2, memGi: 8 },
  Standard_D4s_v3: { cpu: 4, memGi: 16 },
  Standard_DS2_v2: { cpu: 2, memGi: 7 },
};

/** The image's OS as the kubelet reports it. */
function osInfo(
  pool: PoolState,
  image: string,
): { osImage: string; kernel: string; runtime: string; sku: string } {
  if (pool.osType === 'Windows') {
    const build = /(\d{5}\.\d+)/.exec(image)?.[1] ?? '20348.3561';
    return {
      osImage: 'Windows Server 2022 Datacenter',
      kernel: `10.0.${build}`,
      runtime: 'containerd://1.7.20+azure',
      sku: pool.osSKU ?? 'Windows2022',
    };
  }
  if (/AzureLinux/i.test(image) || pool.osSKU === 'AzureLinux') {
    return {
      osImage: 'Microsoft Azure Linux 3.0',
      kernel: '6.6.85.1-2.azl3',
      runtime: 'containerd://2.0.0',
      sku: 'AzureLinux',
    };
  }
  return {
    osImage: 'Ubuntu 22.04.5 LTS',
    kernel: '5.15.0-1089-azure',
    runtime: 'containerd://1.7.27-1',
    sku: pool.osSKU ?? 'Ubuntu',
  };
}

/** A Node object as a fresh AKS VMSS instance registers it: AKS labels, Ready, nodeInfo, capacity. */
export function makeNode(
  cluster: ClusterState,
  pool: PoolState,
  instance: number,
  version: { kubelet: string; image: string },
  createdAt: string,
): KubeObject {
  const name = nodeName(pool, instance);
  const os = osInfo(pool, version.image);
  const size = SIZES[pool.vmSize] ?? { cpu: 4, memGi: 16 };
  const zones = pool.availabilityZones ?? [];
  const zone = zones.length > 0 ? `${cluster.location}-${zones[instance % zones.length]}` : '0';
  const windows = pool.osType === 'Windows';
  const labels: Record<string, string> = {
    agentpool: pool.name,
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/instance-type': pool.vmSize,
    'beta.kubernetes.io/os': windows ? 'windows' : 'linux',
    'failure-domain.beta.kubernetes.io/region': cluster.location,
    'failure-domain.beta.kubernetes.io/zone': zone,
    'kubernetes.azure.com/agentpool': pool.name,
    'kubernetes.azure.com/cluster': `MC_${cluster.resourceGroup}_${cluster.name}_${cluster.location}`,
    'kubernetes.azure.com/consolidated-additional-properties': createHash('sha1')
      .update(pool.name)
      .digest('hex')
      .slice(0, 36),
    'kubernetes.azure.com/kubelet-identity-client-id': '00000000-0000-0000-0000-00000000c1d2',
    'kubernetes.azure.com/managedby': 'aks',
    'kubernetes.azure.com/mode': pool.mode.toLowerCase(),
    'kubernetes.azure.com/node-image-version': version.image,
    'kubernetes.azure.com/nodepool-type': pool.type,
    'kubernetes.azure.com/os-sku': os.sku,
    'kubernetes.azure.com/role': 'agent',
    'kubernetes.azure.com/storageprofile': 'managed',
    'kubernetes.azure.com/storagetier': 'Premium_LRS',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': windows ? 'windows' : 'linux',
    'kubernetes.io/role': 'agent',
    'node-role.kubernetes.io/agent': '',
    'node.kubernetes.io/instance-type': pool.vmSize,
    storageprofile: 'managed',
    storagetier: 'Premium_LRS',
    'topology.disk.csi.azure.com/zone': zone === '0' ? '' : zone,
    'topology.kubernetes.io/region': cluster.location,
    'topology.kubernetes.io/zone': zone,
    ...(windows ? { 'node.kubernetes.io/windows-build': '10.0.20348' } : {}),
    ...(pool.nodeLabels ?? {}),
  };
  const capacity = {
    cpu: String(size.cpu),
    'ephemeral-storage': '129886128Ki',
    memory: `${size.memGi * 1024 * 1024}Ki`,
    pods: String(pool.maxPods),
  };
  const allocatable = {
    cpu: `${size.cpu * 1000 - 180}m`,
    'ephemeral-storage': '119703055367',
    memory: `${Math.round(size.memGi * 1024 * 1024 * 0.8)}Ki`,
    pods: String(pool.maxPods),
  };
  const conditionTimes = { lastHeartbeatTime: createdAt, lastTransitionTime: createdAt };
  const ip = `10.224.${pool.vmssDigits.charCodeAt(7) % 200}.${(instance % 250) + 4}`;
  const spec: Record<string, unknown> = {
    providerID: `azure:///subscriptions/${cluster.subscriptionId}/resourceGroups/mc_${cluster.resourceGroup}_${cluster.name}_${cluster.location}/providers/Microsoft.Compute/virtualMachineScaleSets/${windows ? pool.name : `aks-${pool.name}-${pool.vmssDigits}-vmss`}/virtualMachines/${instance}`,
  };
  if (pool.nodeTaints?.length) spec['taints'] = pool.nodeTaints.map(parseTaint);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      annotations: {
        'csi.volume.kubernetes.io/nodeid': JSON.stringify({
          'disk.csi.azure.com': name,
          'file.csi.azure.com': name,
        }),
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: createdAt,
    },
    spec,
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      allocatable,
      capacity,
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          ...conditionTimes,
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
          ...conditionTimes,
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
          ...conditionTimes,
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          ...conditionTimes,
        },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: createHash('md5').update(`${name}/boot/${createdAt}`).digest('hex'),
        containerRuntimeVersion: os.runtime,
        kernelVersion: os.kernel,
        kubeProxyVersion: `v${version.kubelet}`,
        kubeletVersion: `v${version.kubelet}`,
        machineID: createHash('md5').update(`${name}/machine`).digest('hex'),
        operatingSystem: windows ? 'windows' : 'linux',
        osImage: os.osImage,
        systemUUID: createHash('md5')
          .update(`${name}/uuid`)
          .digest('hex')
          .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
      },
    },
  };
}

function parseTaint(t: string): Record<string, string> {
  const [kv = '', effect = 'NoSchedule'] = t.split(':');
  const [key = '', value] = kv.split('=');
  return value === undefined ? { key, effect } : { key, value, effect };
}
