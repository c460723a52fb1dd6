import { useStdout } from 'ink';
import { useEffect, useRef } from 'react';

/** Moves the cursor home and erases from there to the end of the screen. */
export const ERASE_SCREEN = '\u001b[H\u001b[J';

/**
 * Repaints the whole screen after the terminal changes size. A resize makes the terminal reflow
 * or drop rows, and Ink draws one frame laid out for the new size before the tree follows it, so
 * Ink's own erase (relative to the cursor) can leave rows of an older frame behind. Ink's `write`
 * erases its frame, writes ours (the whole screen erased) and draws its frame again from the top.
 * Nothing is erased on the first frame: the screen is the shell's until the app has drawn.
 */
export function useRepaintOnResize(columns: number, rows: number): void {
  const { write } = useStdout();
  const drawn = useRef({ columns, rows });
  useEffect(() => {
    const last = drawn.current;
    if (last.columns === columns && last.rows === rows) return;
    drawn.current = { columns, rows };
    write(ERASE_SCREEN);
  }, [columns, rows, write]);
}
