import { Box } from 'ink';
import { Text } from './VisibleText.js';
import type { ClusterSummary } from '../src/model/cluster-summary.js';
import { PoolTable, poolTableHeight } from './PoolTable.js';
import { onOff } from './text.js';
import { theme } from './theme.js';

/** Props of the cluster card. */
export interface ClusterCardProps {
  cluster: ClusterSummary;
  /** Why ARM facts are missing (kubeconfig only), shown as a note. */
  armMissing?: string | undefined;
  /** At most this many lines for pools (the last one becomes "+N more"). */
  maxPools?: number;
}

/** Who the cluster is: identity, versions, pools, nodes and the security switches seen at connect. */
export function ClusterCard({ cluster, armMissing, maxPools = 4 }: ClusterCardProps) {
  const allReady = cluster.readyNodeCount === cluster.nodeCount;
  const uncounted = uncountedText(cluster.uncounted);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={theme.muted}>Cluster </Text>
        <Text bold>{cluster.name}</Text>
        <Text color={theme.muted}>
          {' '}
          · {cluster.source === 'arm+kube' ? 'ARM + Kubernetes' : 'Kubernetes only'}
        </Text>
      </Text>
      <Text wrap="truncate-end">
        <Text color={theme.muted}>Group </Text>
        {cluster.resourceGroup ?? 'unknown'}
        <Text color={theme.muted}> · Region </Text>
        {cluster.location ?? 'unknown'}
        <Text color={theme.muted}> · Kubernetes </Text>
        {cluster.kubernetesVersion ?? cluster.serverVersion}
      </Text>
      <Text wrap="truncate-end">
        <Text color={theme.muted}>Nodes </Text>
        <Text color={allReady ? theme.ok : theme.warning}>
          {cluster.readyNodeCount}/{cluster.nodeCount} ready
        </Text>
        {uncounted ? <Text color={theme.muted}> ({uncounted})</Text> : null}
        <Text color={theme.muted}> · Entra ID </Text>
        <Switch value={cluster.entraId} />
        <Text color={theme.muted}> · Network policy </Text>
        {cluster.networkPolicy ?? (cluster.source === 'kube-only' ? 'unknown' : 'none')}
        <Text color={theme.muted}> · Defender </Text>
        <Switch value={cluster.defender} />
      </Text>
      <PoolTable pools={cluster.pools} maxRows={maxPools} />
      {(cluster.warnings ?? []).map((warning) => (
        <Text key={warning} wrap="truncate-end" color={theme.warning}>
          ! {warning}
        </Text>
      ))}
      {armMissing ? (
        <Text wrap="truncate-end" color={theme.warning}>
          ! Azure side not available: {armMissing}
        </Text>
      ) : null}
    </Box>
  );
}

/** The number of lines the card takes, so the overview can size its list to the terminal. */
export function clusterCardHeight(
  cluster: ClusterSummary,
  armMissing: string | undefined,
  maxPools = 4,
): number {
  const warnings = cluster.warnings?.length ?? 0;
  return 3 + poolTableHeight(cluster.pools.length, maxPools) + warnings + (armMissing ? 1 : 0);
}

/** Why the node total exceeds the pool rows' sum, in words (`+1 surge`); '' when it does not. */
export function uncountedText(uncounted: ClusterSummary['uncounted']): string {
  if (!uncounted) return '';
  const parts = [
    ...(uncounted.surge > 0 ? [`+${uncounted.surge} surge`] : []),
    ...(uncounted.outside > 0 ? [`+${uncounted.outside} in no pool`] : []),
  ];
  return parts.join(', ');
}

function Switch({ value }: { value: boolean | undefined }) {
  const color = value === undefined ? theme.muted : value ? theme.ok : theme.warning;
  return <Text color={color}>{onOff(value)}</Text>;
}
