import { Box } from 'ink';
import { Text } from './VisibleText.js';
import type { PoolSummary } from '../src/model/cluster-summary.js';
import { cell, displayWidth } from '../src/model/text-cells.js';
import { theme } from './theme.js';

const HEADINGS = ['Pool', 'Mode', 'OS', 'Nodes', 'Version'] as const;
// A pool name is at most 12 characters (AKS), a Windows one 6; an OS SKU such as Windows2022 or
// AzureLinux fits in 14.
const MAX_WIDTHS = [16, 6, 14, 5, 10] as const;

/** The agent pools as a table: name, mode, OS (its SKU, which names the OS), nodes, version. */
export function PoolTable({ pools, maxRows }: { pools: readonly PoolSummary[]; maxRows: number }) {
  const rows = pools.map((pool) => [
    pool.name,
    pool.mode,
    poolOs(pool),
    String(pool.count),
    pool.orchestratorVersion,
  ]);
  const widths = MAX_WIDTHS.map((max, column) =>
    Math.min(
      max,
      Math.max(displayWidth(HEADINGS[column]!), ...rows.map((row) => displayWidth(row[column]!))),
    ),
  );
  const line = (values: readonly string[]) =>
    values.map((value, column) => cell(value, widths[column]!)).join('  ');
  const shown = rows.length > maxRows ? rows.slice(0, Math.max(0, maxRows - 1)) : rows;
  const hidden = rows.length - shown.length;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" color={theme.muted}>
        {line(HEADINGS)}
      </Text>
      {shown.map((row, index) => (
        <Text key={`${row[0]}-${index}`} wrap="truncate-end">
          {line(row)}
        </Text>
      ))}
      {hidden > 0 ? (
        <Text wrap="truncate-end" color={theme.muted}>
          +{hidden} more pools
        </Text>
      ) : null}
      {rows.length === 0 ? <Text color={theme.muted}>no pools reported</Text> : null}
    </Box>
  );
}

/**
 * A pool's OS in one word: the SKU when AKS reports one (Ubuntu, AzureLinux, Windows2022 each
 * name the OS too), else the OS type (Linux, Windows).
 */
export function poolOs(pool: Pick<PoolSummary, 'osType' | 'osSku'>): string {
  return pool.osSku ? pool.osSku : pool.osType;
}

/** How many lines the table takes for `poolCount` pools shown in at most `maxRows` rows. */
export function poolTableHeight(poolCount: number, maxRows: number): number {
  return 1 + Math.max(1, Math.min(poolCount, maxRows));
}
