import { chmod, writeFile } from 'node:fs/promises';

/**
 * Writes a file holding cluster data so that only its owner may read it (mode 600), also when
 * the file was already there with a wider mode (writeFile's mode only applies when it creates).
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  await writeFile(path, text, { encoding: 'utf8', mode: 0o600 });
  await chmod(path, 0o600);
}
