import type { ConfirmationRequest } from '../src/model/session.js';
import { visible } from '../src/model/visible-text.js';
import { commandLines, type CopyCommands } from './command-lines.js';
import { listItem, type FrameLine } from './step-lines.js';
import { theme } from './theme.js';
import { wrapWords } from './text.js';

/**
 * What every confirmation shows, as lines `width` wide: the head (which cluster, the exact change)
 * that never scrolls away, and the body (objects touched, warnings, then the equivalent commands,
 * each on a line of its own) that scrolls when it is long. Names are shown visibly before wrapping, so a hostile name cannot
 * make a line longer than it was measured.
 */
export function changeLines(
  request: ConfirmationRequest,
  width: number,
  copy: CopyCommands & { key: string } = { key: '' },
): { head: FrameLine[]; body: FrameLine[] } {
  const cluster: FrameLine = [
    { text: 'Cluster: ', color: theme.muted },
    { text: visible(request.cluster), bold: true, color: theme.accent },
  ];
  const change = wrapWords(`Change: ${visible(request.change)}`, width).map(
    (line, index): FrameLine =>
      index === 0
        ? [
            { text: 'Change: ', color: theme.muted },
            { text: line.slice('Change: '.length), bold: true, color: theme.danger },
          ]
        : [{ text: line, bold: true, color: theme.danger }],
  );
  const body = (request.details ?? []).flatMap((line) => listItem(visible(line), ' ', width));
  const commands = (request.commands ?? []).map(visible);
  // A dry run is asked with the same dialog, and says at its top that nothing will change.
  const rehearsal = request.dryRun
    ? wrapWords(DRY_RUN_LINE, width).map((line): FrameLine => [
        { text: line, bold: true, color: theme.badge },
      ])
    : [];
  return {
    head: [...rehearsal, cluster, ...change],
    body: [...body, ...commandLines(commands, width, copy)],
  };
}

/** The first line of every dry run's confirmation. */
export const DRY_RUN_LINE =
  'DRY RUN: nothing will change. Kubernetes writes go as server-side dry runs; Azure is sent nothing.';

/** A confirmation's title: what it asks, and whether it is a dry run. */
export function confirmTitle(request: ConfirmationRequest, typed: boolean): string {
  const what = request.dryRun ? 'Confirm a dry run' : 'Confirm a change';
  return typed ? `${what}: type the name to proceed` : what;
}
