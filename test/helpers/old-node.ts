import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** A Node.js on this machine older than the program needs: what a user may start the bin with. */
export interface OldNode {
  path: string;
  version: string;
}

let found: OldNode | null | undefined;

/**
 * The first Node older than 22 found on the PATH (leaving out npm's node_modules/.bin, which puts
 * the project's Node 24 first inside `npm test`) or in the usual places; null when there is none.
 */
export function oldNode(): OldNode | null {
  if (found !== undefined) return found;
  const ours = dirname(process.execPath);
  const dirs = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((d) => d !== '' && d !== ours && !d.includes('node_modules'))
    .concat(['/usr/local/bin', '/usr/bin', '/bin']);
  found = null;
  for (const dir of dirs) {
    const path = join(dir, 'node');
    try {
      accessSync(path, constants.X_OK);
      const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
      if (Number(version.slice(1).split('.')[0]) < 22) return (found = { path, version });
    } catch {
      // not here, or not runnable
    }
  }
  return found;
}
