import type { InventoryRow } from '../model/inventory.js';
import { alignColumns } from '../model/text-cells.js';
import { terminalSafeJson, visible } from '../model/visible-text.js';
import { table } from './markdown.js';
import type { InventoryFormat } from './formats.js';

export { INVENTORY_FORMATS, type InventoryFormat } from './formats.js';

/** Version of the JSON document `fleet inventory --output json` prints. */
export const INVENTORY_SCHEMA_VERSION = 1;

const HEADER = [
  'RISK',
  'CLUSTER',
  'SUBSCRIPTION',
  'REGION',
  'VERSION',
  'NODE IMAGES',
  'CHANNELS',
  'IDENTITY',
  'DEFENDER',
  'API SERVER',
  'OPERATION',
  'FLEET',
  'WHY',
];

/** The inventory in a format; names and tags from Azure are shown with control characters visible. */
export function renderInventory(
  rows: readonly InventoryRow[],
  format: InventoryFormat,
  notes: readonly string[] = [],
): string {
  if (format === 'json') {
    const doc = { schemaVersion: INVENTORY_SCHEMA_VERSION, clusters: rows, notes };
    return `${terminalSafeJson(JSON.stringify(doc, null, 2))}\n`;
  }
  const cells = rows.map(rowCells);
  const tail = [`${rows.length} cluster${rows.length === 1 ? '' : 's'}`, ...notes].map(visible);
  if (format === 'markdown')
    return [...table(HEADER, cells), '', ...tail.map((t) => `- ${t}`), ''].join('\n');
  return [...alignColumns([HEADER, ...cells]), '', ...tail, ''].join('\n');
}

function rowCells(r: InventoryRow): string[] {
  const images = r.pools
    .map((p) => `${p.name} ${p.imageAgeDays !== undefined ? `${p.imageAgeDays}d` : '?'}`)
    .join(', ');
  const identity = [
    r.entra ? 'Entra' : 'no Entra',
    ...(r.azureRbac ? ['Azure RBAC'] : []),
    r.localAccounts ? 'local on' : 'local off',
  ].join(', ');
  const api = r.api === 'authorized' ? `authorized (${r.authorizedRanges.length})` : r.api;
  const running =
    r.provisioningState && r.provisioningState !== 'Succeeded' ? r.provisioningState : '-';
  const fleet = r.fleet ? `${r.fleet.fleet}/${r.fleet.group ?? r.fleet.member}` : '-';
  return [
    String(r.riskScore),
    `${r.resourceGroup}/${r.name}`,
    r.subscriptionId.slice(0, 8),
    r.location,
    `${r.kubernetesVersion ?? '?'} (${r.support})`,
    images || '-',
    `${r.upgradeChannel ?? 'none'}/${r.nodeOsChannel ?? 'none'}`,
    identity,
    r.defender ? 'on' : 'off',
    api,
    running,
    fleet,
    r.risks.join(',') || '-',
  ].map(visible);
}
