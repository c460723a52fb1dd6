import type { RunningOperation } from '../src/model/operation.js';

/** `1m05s`, `12s`, `1h02m`: a duration short enough for one status line. */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * The symbol and words of the operation's status line (one line, most important first). With
 * `readOnly` no abort is offered anywhere, so the line does not promise one.
 */
export function operationLine(
  op: RunningOperation,
  now: number,
  readOnly = false,
): { symbol: string; tone: 'running' | 'ok' | 'failed'; text: string } {
  const abortKey = readOnly
    ? `read-only: abort it with az aks ${op.resource.kind === 'pool' ? 'nodepool ' : ''}operation-abort`
    : 'a aborts (Upgrades, Node images)';
  const elapsed = `${op.sinceKnown ? '' : '≥'}${shortDuration((op.endedAt ?? now) - op.since)}`;
  const who = op.by === 'elsewhere' ? ' (started elsewhere)' : '';
  const nodes = op.done ? ` · ${op.done.done}/${op.done.total} nodes` : '';
  const on = op.nodes.length ? ` · on ${op.nodes.map(suffix).join(', ')}` : '';
  const stall = op.stall
    ? ` · blocked by PDB ${op.stall.budgets.join(', ')}${op.stall.givesUpAt !== undefined ? `, AKS gives up in ${shortDuration(op.stall.givesUpAt - now)}` : ''}`
    : '';
  // ARM refused reading it: the rest is as last read, so the line says that first.
  if (op.unread && (op.phase === 'running' || op.phase === 'canceling')) {
    const again =
      op.unread.status === 401
        ? 'sign in again (az login), then r on Upgrades reads it'
        : 'r on Upgrades reads it again';
    return {
      symbol: '?',
      tone: 'running',
      text: `${op.what}${who} · ${elapsed} · not followed: ARM refused reading it (${op.unread.words}); ${again}`,
    };
  }
  switch (op.phase) {
    case 'running':
      return {
        symbol: '⟳',
        tone: 'running',
        text:
          op.abort === 'failed'
            ? `${op.what}${who} · ${elapsed} · still running: the abort was refused${op.error ? ` (${op.error.code})` : ''}${nodes}${on} · ${readOnly ? abortKey : 'a tries again'}`
            : `${op.what}${who} · ${elapsed}${stall} · ARM ${op.armState}${nodes}${on} · ${abortKey}`,
      };
    case 'canceling':
      return {
        symbol: '■',
        tone: 'running',
        text: `${op.what}${who} · ${elapsed} · ARM ${op.armState} · abort sent, Azure is canceling${on}`,
      };
    case 'succeeded':
      return { symbol: '✔', tone: 'ok', text: `${op.what}: Succeeded after ${elapsed}` };
    case 'canceled':
      return { symbol: '■', tone: 'failed', text: `${op.what}: Canceled after ${elapsed}` };
    case 'failed':
      return {
        symbol: '✖',
        tone: 'failed',
        text: `${op.what}: Failed after ${elapsed}${op.error ? ` (${op.error.code})` : ''}`,
      };
    case 'unknown':
      return {
        symbol: '?',
        tone: 'running',
        text: `${op.what}: no longer followed here; it may still run in Azure (r on Upgrades reads it)`,
      };
  }
}

/** A node by the part that tells it from its pool siblings: `vmss000001` of `aks-apps-…-vmss000001`. */
function suffix(name: string): string {
  const m = /(vmss[0-9a-z]+|[0-9]+)$/.exec(name);
  return m ? m[1]! : name;
}
