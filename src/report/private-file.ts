import { chmod, lstat, open, rename, rm } from 'node:fs/promises';

/**
 * Writes a file holding cluster data so that only its owner may read it (mode 600), also when
 * the file was already there with a wider mode (writeFile's mode only applies when it creates).
 * A regular file (or a new one) is written beside itself and renamed into place, so a write that
 * fails half-way leaves the file that was there, never a cut one.
 */
export async function writePrivateFile(
  path: string,
  text: string | Iterable<string>,
): Promise<void> {
  const aside = (await isRegularOrAbsent(path)) ? `${path}.${process.pid}.partial` : undefined;
  const target = aside ?? path;
  const file = await open(target, 'w', 0o600);
  try {
    // Piece by piece: a large report is never one string (nor one buffer) in memory.
    for (const piece of typeof text === 'string' ? [text] : text)
      await file.writeFile(piece, 'utf8');
  } catch (error) {
    await file.close();
    if (aside) await rm(aside, { force: true });
    throw error;
  }
  await file.close();
  await chmod(target, 0o600);
  if (aside) await rename(aside, path);
}

/** Whether `path` is a regular file or nothing yet (not a terminal, pipe or link to one). */
async function isRegularOrAbsent(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
