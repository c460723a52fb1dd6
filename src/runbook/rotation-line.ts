import { progressOf, type Rotation } from '../steps/rotation/state.js';

/**
 * One line of a running operation for a terminal without the TUI: nodes done of all, what is
 * draining, and the budget holding a drain up (pure).
 */
export function rotationLine(r: Rotation): string {
  const { done, total } = progressOf(r);
  const where = r.pool ? `pool ${r.pool}` : r.what;
  const draining = r.rows.filter((row) => row.phase === 'draining' || row.phase === 'cordoned');
  const surge = r.rows.filter((row) => row.surge && row.phase === 'surge').length;
  const parts = [r.pool ? `${done}/${total} nodes done` : r.status];
  if (surge > 0) parts.push(`${surge} surge`);
  if (draining.length > 0) parts.push(`draining ${draining.map((d) => d.name).join(', ')}`);
  const budgets = [...new Set(draining.flatMap((d) => d.blockedBy ?? []))];
  if (budgets.length > 0) parts.push(`evictions refused by PDB ${budgets.join(', ')}`);
  return `${where}: ${parts.join(', ')}`;
}
