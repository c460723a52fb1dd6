// One place where tests register what they must undo (temp folders, child processes, servers):
// run when the current test finishes, or, for what a file sets up outside a test, when it ends.
import { onTestFinished } from 'vitest';

const atFileEnd: Array<() => unknown> = [];

/** Runs `undo` when the current test finishes (after its afterEach), else when the file ends. */
export function onCleanup(undo: () => unknown): void {
  try {
    onTestFinished(async () => {
      await undo();
    });
  } catch {
    // Not inside a test (module top level, beforeAll): the file's last afterAll runs it.
    atFileEnd.push(undo);
  }
}

/** Runs, newest first, what was registered outside a test; the setup file calls it last. */
export async function runFileCleanups(): Promise<void> {
  for (let undo = atFileEnd.pop(); undo; undo = atFileEnd.pop()) await undo();
}
