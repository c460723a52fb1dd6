import { Box, useWindowSize } from 'ink';
import type { ListedCluster } from '../src/model/arm.js';
import type { ClusterChoice } from '../src/runbook/session.js';
import { cell } from '../src/model/text-cells.js';
import {
  clusterSignals,
  clusterState,
  clusterText,
  columnWidths,
  fleetColumn,
  inventoryWidths,
  versionSupport,
} from './cluster-rows.js';
import { helpKey, quitKeys } from './common-keys.js';
import { useFilteredList } from './components/use-filtered-list.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';
import { useKeys } from './use-keys.js';

/** Props of the cluster picker shown before connecting when only a subscription was named. */
export interface ClusterPickerProps {
  choice: ClusterChoice;
  height: number;
  active: boolean;
  onPick: (cluster: ListedCluster) => void;
  onHelp: () => void;
  onQuit: () => void;
}

/**
 * The subscription's clusters (or every subscription's): ↑/↓ move, `/` filters, Enter picks, Esc
 * or q quits. From the inventory: riskiest first, with support, fleet membership and signals.
 */
export function ClusterPicker({
  choice,
  height,
  active,
  onPick,
  onHelp,
  onQuit,
}: ClusterPickerProps) {
  const rows = Math.max(1, height - 4);
  const list = useFilteredList(choice.clusters, {
    text: clusterText,
    key: (c) => `${c.subscriptionId}/${c.resourceGroup}/${c.name}`,
    rows,
    active,
    items: 'the clusters',
    filterDoes: 'filter the clusters by name, group, region, version, fleet or signal',
    name: 'cluster filter',
  });
  const { shown, at, window } = list;
  useKeys(
    {
      name: 'cluster list',
      table: [
        ...list.bindings,
        {
          keys: ['enter'],
          does: 'connect to the selected cluster',
          hint: 'connect',
          when: list.focused !== undefined,
          run: () => {
            if (list.focused) onPick(list.focused);
          },
        },
        helpKey(onHelp),
        {
          ...quitKeys(onQuit, 'quit without connecting'),
          keys: ['escape', 'q', 'ctrl+c'],
          label: 'Esc q Ctrl+C',
          short: 'Esc',
        },
      ],
    },
    active && !list.filtering,
  );
  const { columns } = useWindowSize();
  const inventory = choice.clusters.some((c) => c.support !== undefined);
  const w = columnWidths(choice.clusters);
  const fleets = fleetColumn(choice.clusters);
  const iw = inventoryWidths(choice.clusters, fleets.cell);
  const row = (name: string, group: string, region: string, version: string, state: string) =>
    `${cell(name, w.name)}  ${cell(group, w.group)}  ${cell(region, w.region)}  ${cell(version, w.version)}  ${state}`;
  // Signals start after the marker and three columns, each followed by two spaces.
  const signalsAt = 2 + iw.name + 2 + iw.version + 2 + iw.fleet + 2;
  const inventoryRow = (name: string, version: string, fleet: string, signals: string) =>
    `${cell(name, iw.name)}  ${cell(version, iw.version)}  ${cell(fleet, iw.fleet)}  ${signals}`;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="truncate-end">
        Pick a cluster in {choice.scope ?? `subscription ${choice.subscriptionId}`} ({shown.length}{' '}
        of {choice.clusters.length})
      </Text>
      {list.filterLine}
      <Text color={theme.muted} wrap="truncate-end">
        {'  '}
        {inventory
          ? inventoryRow('NAME', 'VERSION', fleets.header, 'SIGNALS (worst first)')
          : row('NAME', 'RESOURCE GROUP', 'REGION', 'VERSION', 'STATE')}
      </Text>
      {shown.length === 0 ? <Text color={theme.muted}>No cluster matches.</Text> : null}
      {shown.slice(window.start, window.end).map((c, i) => {
        const focused = window.start + i === at;
        const state = clusterState(c);
        return (
          <Text key={`${c.subscriptionId}/${c.resourceGroup}/${c.name}`} wrap="truncate-end">
            <Text color={theme.accent}>{focused ? '▶ ' : '  '}</Text>
            <Text bold={focused} color={state.usable ? undefined : theme.muted}>
              {inventory
                ? inventoryRow(
                    c.name,
                    versionSupport(c),
                    fleets.cell(c),
                    clusterSignals(c, columns - signalsAt),
                  )
                : row(c.name, c.resourceGroup, c.location, c.kubernetesVersion ?? '-', state.text)}
            </Text>
          </Text>
        );
      })}
    </Box>
  );
}
