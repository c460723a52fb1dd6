import type { DrainNode } from '../../../src/model/drain.js';
import type { NodePlan } from '../../../src/model/drain.js';
import { cell, displayWidth } from '../../../src/model/text-cells.js';
import { theme } from '../../theme.js';
import type { FrameLine } from '../../step-lines.js';

/** What the node filter matches: name, pool, conditions, and `reboot` when one is needed. */
export function nodeText(n: DrainNode): string {
  return [n.name, n.pool, ...n.conditions, n.rebootNeeded ? 'reboot' : ''].join('\n');
}

/** The table header, fitted to `width`. */
export function nodeHeader(width: number): string {
  const name = Math.max(12, width - 55);
  return `    ${cell('NODE', name)} ${cell('POOL', 8)} ${cell('STATUS', 8)} ${cell('SCHED', 9)} ${cell('PODS', 4)} NOTES`;
}

/**
 * A node name in `width` cells: whole when it fits, else its end (`…8395-vmss000001`): nodes of one
 * pool share their beginning, so the end is what tells them apart.
 */
export function nodeNameCell(name: string, width: number): string {
  const chars = Array.from(name);
  if (chars.length <= width) return cell(name, width);
  return `…${chars.slice(chars.length - (width - 1)).join('')}`;
}

/**
 * One node row: selection mark, name, pool, Ready/NotReady, schedulable, pods, notes. The notes
 * take the rest of the line, in short words when the long ones do not fit (never cut mid-word).
 */
export function nodeRow(
  node: DrainNode,
  selected: boolean,
  width: number,
  plan?: NodePlan,
): string {
  const name = Math.max(12, width - 55);
  const room = Math.max(16, width - name - 39);
  const notes = nodeNotes(node, plan, room);
  return `${selected ? '[x]' : '[ ]'} ${nodeNameCell(node.name, name)} ${cell(node.pool, 8)} ${cell(node.ready ? '✔ Ready' : '✖ NotReady', 8)} ${cell(node.schedulable ? 'yes' : '⊘ cordoned', 9)} ${cell(String(node.podCount), 4)} ${cell(notes, room)}`;
}

/**
 * What stands out about a node, the same things its findings say: conditions, a reboot it waits
 * for, and a PodDisruptionBudget that allows no eviction of one of its pods now.
 */
export function nodeNotes(node: DrainNode, plan: NodePlan | undefined, room: number): string {
  const pdb = plan?.blocked.some((b) => b.cause === 'pdb') ?? false;
  const conditions = node.conditions.filter((c) => c !== 'NotReady');
  const long = [
    ...conditions,
    node.kuredLock ? 'kured lock' : node.rebootNeeded ? 'reboot needed' : '',
    pdb ? 'PDB blocks' : '',
  ].filter(Boolean);
  const text = long.join(', ');
  if (displayWidth(text) <= room) return text || '-';
  const short = [
    ...conditions,
    node.kuredLock ? 'kured' : node.rebootNeeded ? 'reboot' : '',
    pdb ? 'PDB' : '',
  ].filter(Boolean);
  return short.join(', ');
}

/** The preview of one node: pods evicted, skipped and blocked, with reasons. */
export function previewLines(plan: NodePlan | undefined, node: string): FrameLine[] {
  if (!plan) return [[{ text: `${node}: no preview`, color: theme.muted }]];
  const ref = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;
  const lines: FrameLine[] = [
    [
      { text: `${plan.drainable ? '●' : '✖'} ${node}`, bold: true },
      {
        text: `  evict ${plan.evict.length} · skip ${plan.skip.length} · blocked ${plan.blocked.length}${plan.drainable ? '' : ' · not drainable'}`,
        color: plan.drainable ? theme.muted : theme.danger,
      },
    ],
  ];
  for (const v of plan.evict) {
    lines.push([
      { text: `  → evict ${ref(v.pod)}` },
      // As kubectl drain: a finished pod goes too, and the eviction API asks no budget for it.
      ...(v.pod.phase === 'Succeeded' || v.pod.phase === 'Failed'
        ? [{ text: ` (finished, ${v.pod.phase}: no budget is asked)`, color: theme.muted }]
        : []),
      ...(v.warning ? [{ text: ` (${v.warning})`, color: theme.warning }] : []),
    ]);
  }
  for (const v of plan.blocked) {
    const soft = v.cause === 'pdb';
    lines.push([
      {
        text: `  ${soft ? '⏸ wait ' : '✖ block'} ${ref(v.pod)}: `,
        color: soft ? theme.warning : theme.danger,
      },
      { text: v.reason },
    ]);
  }
  for (const v of plan.skip) {
    lines.push([{ text: `  · skip  ${ref(v.pod)}: ${v.reason}`, color: theme.muted }]);
  }
  return lines;
}
