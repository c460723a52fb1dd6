import type { KeyBinding } from './key-table.js';
import { paragraph, type FrameLine } from './step-lines.js';
import { shellLines } from './shell-lines.js';
import { theme } from './theme.js';

/** What a dialog needs to offer copying its commands: the action, and what the last copy did. */
export interface CopyCommands {
  /** Copies the commands (clipboard and file); absent: copying is not offered. */
  onCopy?: ((commands: string[]) => void) | undefined;
  /** Where copies go (shown before the first copy). */
  file?: string | undefined;
  /** The outcome of the last copy, one line. */
  copied?: string | undefined;
}

/**
 * Commands as lines: a line saying what they are (and the key that copies them, where), then
 * each command on lines of its own, broken only between words with shell continuations (` \`),
 * so a copy from the terminal runs as it is; the copy key holds each on one line.
 */
export function commandLines(
  commands: readonly string[],
  width: number,
  copy: CopyCommands & { key: string },
): FrameLine[] {
  if (commands.length === 0) return [];
  const what = commands.length === 1 ? 'Equivalent command' : 'Equivalent commands';
  const how = copy.onCopy
    ? ` (${copy.key} copies ${commands.length === 1 ? 'it' : 'them'} to the terminal's clipboard and to ${copy.file ?? 'a file'}):`
    : ':';
  return [
    ...paragraph(`${what}${how}`, width, '', theme.muted),
    ...commands.flatMap((command) =>
      shellLines(command, width).map((text): FrameLine => [{ text, color: theme.accent }]),
    ),
    ...(copy.copied ? paragraph(copy.copied, width, '', theme.ok) : []),
  ];
}

/** The binding that copies `commands` with `keys` (shown only when there is something to copy). */
export function copyBinding(
  commands: readonly string[] | undefined,
  copy: CopyCommands,
  keys: string[],
): KeyBinding {
  const onCopy = copy.onCopy;
  return {
    keys,
    does: 'copy the equivalent commands (terminal clipboard and a file)',
    hint: 'copy command',
    when: !!onCopy && !!commands?.length,
    unguarded: true,
    run: () => onCopy?.([...(commands ?? [])]),
  };
}
