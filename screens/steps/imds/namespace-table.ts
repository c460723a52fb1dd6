import type { ImdsRow } from '../../../src/steps/imds/state.js';
import { cell } from '../../../src/model/text-cells.js';
import { theme, type ThemeColor } from '../../theme.js';

/** How a verdict reads: a symbol and words (never colour alone), and the colour that repeats it. */
const VERDICT_LOOK: Record<ImdsRow['verdict'], { text: string; color: ThemeColor }> = {
  blocked: { text: '✔ blocked', color: theme.ok },
  exposed: { text: '✖ exposed', color: theme.danger },
  reopened: { text: '✖ rule re-opens', color: theme.danger },
  partial: { text: '△ partial', color: theme.warning },
};

const NOT_ENFORCED = { text: '✖ not enforced', color: theme.danger };
// The policies block it, but AAD Pod Identity's NMI takes the connections on the node first.
const INTERCEPTED = { text: '✖ via NMI', color: theme.danger };
// The policies block it, but the engine could not be read: blocked only if one enforces them.
const BLOCKED_IF_ENFORCED = { text: '△ blocked if enforced', color: theme.warning };

/**
 * How a row's verdict reads: with no engine, every namespace is "not enforced", never "blocked";
 * with an unknown engine, "blocked" carries its condition.
 */
export function verdictLook(row: Pick<ImdsRow, 'verdict' | 'enforced' | 'intercepted'>) {
  if (row.enforced === false) return NOT_ENFORCED;
  if (row.intercepted && row.verdict === 'blocked') return INTERCEPTED;
  if (row.enforced === undefined && row.verdict === 'blocked') return BLOCKED_IF_ENFORCED;
  return VERDICT_LOOK[row.verdict];
}

/** Whether some row needs the wider verdict column (a blocked verdict under an unknown engine). */
export function needsWideVerdict(rows: readonly Pick<ImdsRow, 'verdict' | 'enforced'>[]): boolean {
  return rows.some((r) => verdictLook(r) === BLOCKED_IF_ENFORCED);
}

/** What applying does to the row, in a few words. */
function actionText(row: ImdsRow): string {
  if (!row.chosen)
    return row.system ? 'excluded (system)' : row.optIn ? 'excluded (ext.)' : 'excluded';
  if (row.action === 'create') return row.rights.create ? 'no rights' : 'create policy';
  if (row.action === 'review') return 'review fix (Enter)';
  return '—';
}

const WIDTHS = { mark: 2, chosen: 4, verdict: 16, policies: 9, pods: 6 };
const WIDE_VERDICT = BLOCKED_IF_ENFORCED.text.length + 1;

/** The table's column widths. */
export type Columns = ReturnType<typeof columns>;

/**
 * The table's columns for a terminal `width` wide: the namespace column takes what is left.
 * `wide`: the verdict column fits "blocked if enforced" (see `needsWideVerdict`).
 */
export function columns(width: number, wide = false) {
  const w = { ...WIDTHS, verdict: wide ? WIDE_VERDICT : WIDTHS.verdict };
  const fixed = w.mark + w.chosen + w.verdict + w.policies + w.pods;
  const namespace = Math.max(10, Math.min(28, width - fixed - 18));
  return { ...w, namespace, action: Math.max(8, width - fixed - namespace) };
}

/** The header line of the table. */
export function headerLine(c: Columns): string {
  return (
    ' '.repeat(c.mark + c.chosen) +
    cell('NAMESPACE', c.namespace) +
    cell('VERDICT', c.verdict) +
    cell('POLICIES', c.policies) +
    cell('PODS', c.pods) +
    cell('IF APPLIED', c.action)
  );
}

/** One row's cells after the marker and the checkbox. */
export function rowCells(row: ImdsRow, c: Columns) {
  const host = row.hostNetworkPods > 0 ? `+${row.hostNetworkPods}h` : '';
  return {
    chosen: cell(row.chosen ? '[x]' : '[ ]', c.chosen),
    namespace: cell(row.namespace, c.namespace),
    verdict: cell(verdictLook(row).text, c.verdict),
    policies: cell(`${row.egressPolicies}/${row.policies}`, c.policies),
    pods: cell(`${row.pods}${host}`, c.pods),
    action: cell(actionText(row), c.action),
  };
}

/** One line about the focused row, below the table. */
export function focusLine(row: ImdsRow): string {
  const pods = `${row.pods} pod${row.pods === 1 ? '' : 's'}`;
  const host =
    row.hostNetworkPods > 0 ? `, ${row.hostNetworkPods} hostNetwork (policies never apply)` : '';
  const why = row.system ?? (row.chosen ? undefined : row.optIn);
  const scope = why ? ` · ${why}` : '';
  const warn =
    row.chosen && row.warning
      ? ' · ▲ managed by Kubernetes/AKS: add-ons may need the endpoint'
      : '';
  return `${row.namespace}: ${pods}${host}, ${row.egressPolicies} of ${row.policies} policies isolate egress${scope}${warn}`;
}
