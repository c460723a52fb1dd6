// Watches for what a test file must not leave behind: file handles still open (the journal's
// FileHandle above all) and Node's warning that the garbage collector closed one (DEP0137).
import fsp, { type FileHandle } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const open = new Map<FileHandle, string>();
const warnings: string[] = [];
let watching = false;

/** Starts watching (once per process): wraps fs/promises `open`, listens for warnings. */
export function watchLeaks(): void {
  if (watching) return;
  watching = true;
  const original = fsp.open;
  fsp.open = async (...args: Parameters<typeof original>) => {
    const handle = await original(...args);
    open.set(handle, new Error(`opened ${String(args[0])}`).stack ?? String(args[0]));
    const close = handle.close.bind(handle);
    handle.close = () => {
      open.delete(handle);
      return close();
    };
    return handle;
  };
  // `import { open } from 'node:fs/promises'` in the code under test sees the wrapper too.
  syncBuiltinESMExports();
  process.on('warning', noteWarning);
}

/** Keeps a warning if it is about a file handle closed by the garbage collector. */
export function noteWarning(warning: Error & { code?: string }): void {
  if (warning.code === 'DEP0137' || /on garbage collection/.test(warning.message)) {
    warnings.push(`${warning.name} ${warning.code ?? ''}: ${warning.message}`);
  }
}

/** Where each handle our code (src/, screens/, test/) opened and has not closed was opened. */
export function unclosedHandles(): string[] {
  return [...open.values()].filter((stack) =>
    stack
      .split('\n')
      .slice(1)
      .some(
        (frame) =>
          /\/(src|screens|test)\//.test(frame) &&
          !/node_modules|\/test\/helpers\/leak-watch/.test(frame),
      ),
  );
}

/** The garbage-collector file-handle warnings seen since the last call. */
export function takeGcWarnings(): string[] {
  return warnings.splice(0);
}
