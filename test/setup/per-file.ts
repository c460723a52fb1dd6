// Runs in every test file (vitest setupFiles): what the file registered for cleanup is undone at
// its end, and the file fails if it left a file handle open or Node warned that the garbage
// collector closed one (DEP0137, an error in a future Node).
import { afterAll } from 'vitest';
import { runFileCleanups } from '../helpers/cleanup.js';
import { takeGcWarnings, unclosedHandles, watchLeaks } from '../helpers/leak-watch.js';

watchLeaks();

afterAll(async () => {
  await runFileCleanups();
  const problems = [
    ...unclosedHandles().map((stack) => `file handle never closed:\n${stack}`),
    ...takeGcWarnings(),
  ];
  if (problems.length > 0) throw new Error(problems.join('\n\n'));
});
