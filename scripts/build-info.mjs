// What `aks-runbook --version` reports, fixed at build time: the package version and the commit
// the build came from ("unknown" outside a git checkout of this project, e.g. from a tarball).
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = realpathSync(fileURLToPath(new URL('..', import.meta.url)));

function git(...args) {
  return execFileSync('git', ['--no-optional-locks', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'ignore'],
    encoding: 'utf8',
  }).trim();
}

/** The commit of this checkout, "-dirty" when tracked files differ from it; else "unknown". */
export function buildCommit() {
  try {
    // A copy of the project unpacked inside some other repository must not report that one's commit.
    if (realpathSync(git('rev-parse', '--show-toplevel')) !== root) return 'unknown';
    const commit = git('rev-parse', '--short=12', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}

/** esbuild `define` entries baking the build's identity into the bundle. */
export function buildDefines(packaging) {
  const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  return {
    AKS_RUNBOOK_BUILD: JSON.stringify({ version, commit: buildCommit(), packaging }),
  };
}
