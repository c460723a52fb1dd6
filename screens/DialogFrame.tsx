import { Box } from 'ink';
import type { ReactNode } from 'react';
import { Lines } from './Lines.js';
import type { FrameLine } from './step-lines.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';

/** Props of a dialog: a title, lines that always show, a body that scrolls, and a foot. */
export interface DialogFrameProps {
  title: string;
  /** Under the title and never scrolled away: which cluster, what changes (wrapped to `inner`). */
  head: readonly FrameLine[];
  /** The rest of the question, wrapped to `inner`; scrolled when it does not fit. */
  body: readonly FrameLine[];
  /** The first body line shown (the dialog's scroll keys move it). */
  bodyTop: number;
  /** Below the body: the buttons, the keys, a message; exactly `footRows` rows tall. */
  foot: ReactNode;
  footRows: number;
  /** The space the dialog may take, borders included. */
  width: number;
  height: number;
}

/** Border and padding take two columns on each side. */
export function dialogInnerWidth(width: number): number {
  return Math.max(10, width - 4);
}

/**
 * The head and body of a dialog whose head (a change naming every node of a pool) would push the
 * foot off the screen: the head keeps its first lines (the cluster and the start of the change)
 * and a line saying the change goes on below; the rest of the change opens the body, which
 * scrolls, so the whole of it can still be read. A head that fits is kept as it is.
 */
export function boundedHead(props: {
  head: readonly FrameLine[];
  body: readonly FrameLine[];
  footRows: number;
  height: number;
}): { head: FrameLine[]; body: FrameLine[] } {
  // Two border lines and the title; the head takes at most half of what is left, so the details
  // (what the change evicts, its warnings) keep room too.
  const most = Math.max(2, Math.floor((props.height - 3 - props.footRows) / 2));
  if (props.head.length <= most) return { head: [...props.head], body: [...props.body] };
  const kept = most - 1;
  const rest = props.head.length - kept;
  return {
    head: [
      ...props.head.slice(0, kept),
      [
        {
          text: `… the change goes on for ${rest} more lines below (↑↓ scroll)`,
          color: theme.muted,
        },
      ],
    ],
    body: [...props.head.slice(kept), [{ text: '' }], ...props.body],
  };
}

/** How many body lines fit, and whether they all do (else a line says where the window is). */
export function dialogBodyRows(props: {
  head: readonly FrameLine[];
  body: readonly FrameLine[];
  footRows: number;
  height: number;
}): { rows: number; scrolls: boolean } {
  // Two border lines and the title.
  const room = Math.max(1, props.height - 3 - props.head.length - props.footRows);
  if (props.body.length <= room) return { rows: props.body.length, scrolls: false };
  return { rows: Math.max(1, room - 1), scrolls: true };
}

/**
 * A bordered box for questions that wait for the operator. It never grows taller than `height`:
 * the title, the head (cluster and change) and the foot (buttons, keys) always show, and the body
 * in between scrolls, with a line saying which part of it is on screen.
 */
export function DialogFrame(props: DialogFrameProps) {
  const { title, head, body, foot, width } = props;
  const { rows, scrolls } = dialogBodyRows(props);
  const top = Math.max(0, Math.min(props.bodyTop, body.length - rows));
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={theme.warning}
      paddingX={1}
      width={width}
    >
      <Text bold color={theme.warning} wrap="truncate-end">
        {title}
      </Text>
      <Lines lines={head} />
      <Lines lines={body.slice(top, top + rows)} from={top} />
      {scrolls ? (
        <Text color={theme.muted} wrap="truncate-end">
          {`── lines ${top + 1}–${top + rows} of ${body.length} · ↑↓ PgUp/PgDn scroll ──`}
        </Text>
      ) : null}
      {foot}
    </Box>
  );
}
