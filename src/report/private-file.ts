import { chmod, open } from 'node:fs/promises';

/**
 * Writes a file holding cluster data so that only its owner may read it (mode 600), also when
 * the file was already there with a wider mode (writeFile's mode only applies when it creates).
 */
export async function writePrivateFile(
  path: string,
  text: string | Iterable<string>,
): Promise<void> {
  const file = await open(path, 'w', 0o600);
  try {
    // Piece by piece: a large report is never one string (nor one buffer) in memory.
    for (const piece of typeof text === 'string' ? [text] : text)
      await file.writeFile(piece, 'utf8');
  } finally {
    await file.close();
  }
  await chmod(path, 0o600);
}
