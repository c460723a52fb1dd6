import type { DrainProgress, PodProgress } from '../../../src/steps/drain/state.js';
import { paragraph, type FrameLine } from '../../step-lines.js';
import { theme, type ThemeColor } from '../../theme.js';

/** A wall-clock time as HH:MM:SS (local). */
export function clock(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}

/** A pod's live state in words, with a symbol (never colour alone). */
function podStateText(p: PodProgress): { text: string; color?: ThemeColor } {
  switch (p.state) {
    case 'pending':
      return { text: '· queued', color: theme.muted };
    case 'evicting':
      return { text: '… evicting' };
    case 'waiting-pdb':
      return {
        text: `⏸ waiting on PDB ${p.pdb ?? '?'}${p.since ? ` since ${clock(p.since)}` : ''}`,
        color: theme.warning,
      };
    case 'terminating':
      return { text: '… terminating' };
    case 'gone':
      return { text: '✔ gone', color: theme.ok };
    case 'accepted':
      return { text: '✔ accepted (dry run)', color: theme.ok };
    case 'would-wait':
      return { text: `⏸ would wait on PDB ${p.pdb ?? '?'} (dry run)`, color: theme.warning };
    case 'failed':
      return { text: `✖ failed${p.detail ? `: ${p.detail}` : ''}`, color: theme.danger };
    case 'unknown':
      return { text: `? outcome unknown${p.detail ? `: ${p.detail}` : ''}`, color: theme.warning };
    case 'cancelled':
      return { text: `⊘ cancelled${p.detail ? ` (${p.detail})` : ''}`, color: theme.warning };
  }
}

const PHASE: Record<string, { symbol: string; color?: ThemeColor }> = {
  queued: { symbol: '·', color: theme.muted },
  cordoning: { symbol: '…' },
  draining: { symbol: '…', color: theme.accent },
  drained: { symbol: '✔', color: theme.ok },
  checked: { symbol: '✔', color: theme.ok },
  'would-wait': { symbol: '⏸', color: theme.warning },
  'cordon-failed': { symbol: '✖', color: theme.danger },
  // Sent, its answer lost: not a failure said on a guess.
  'cordon-unknown': { symbol: '?', color: theme.warning },
  blocked: { symbol: '✖', color: theme.danger },
  'timed-out': { symbol: '✖', color: theme.danger },
  failed: { symbol: '✖', color: theme.danger },
  aborted: { symbol: '⊘', color: theme.warning },
};

/**
 * The progress view: per node a header (phase, pods gone, cordoned) then notes (wrapped to
 * `width`) and pod lines; the stop reason last unless `stopped: false` (the result says it).
 */
export function progressLines(
  progress: DrainProgress,
  width: number,
  show: { stopped: boolean } = { stopped: true },
): FrameLine[] {
  const lines: FrameLine[] = [];
  for (const node of progress.nodes) {
    const look = PHASE[node.phase] ?? { symbol: '?' };
    const gone = node.pods.filter((p) => p.state === 'gone' || p.state === 'accepted').length;
    lines.push([
      { text: `${look.symbol} ${node.name} `, bold: true, color: look.color },
      {
        text: `${node.phase} · ${gone}/${node.pods.length} pods${node.cordoned ? ' · cordoned' : node.maybeCordoned ? ' · maybe cordoned' : ''}`,
        color: look.color,
      },
    ]);
    for (const note of node.notes) lines.push(...paragraph(note, width, '    ', theme.muted));
    for (const pod of node.pods) {
      const state = podStateText(pod);
      lines.push([
        { text: `    ${pod.namespace}/${pod.name}  ` },
        { text: state.text, color: state.color },
      ]);
    }
  }
  if (progress.stopped && show.stopped)
    lines.push([{ text: `✖ Stopped: ${progress.stopped}`, color: theme.danger }]);
  return lines;
}
