import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the bundler bakes in (scripts/build-info.mjs); absent in the compiled tree and the tests. */
interface BakedBuild {
  version: string;
  commit: string;
  /** How this copy was packaged: the npm bundle or the single executable. */
  packaging: 'bundle' | 'single executable';
}
declare const AKS_RUNBOOK_BUILD: BakedBuild | undefined;

function baked(): BakedBuild | undefined {
  return typeof AKS_RUNBOOK_BUILD === 'object' ? AKS_RUNBOOK_BUILD : undefined;
}

/** Our version: baked in by the bundler, else read from our package.json. */
export function packageVersion(): string {
  return baked()?.version ?? versionFromPackageJson();
}

/** What `--version` prints: version, the commit it was built from, and the Node it runs on. */
export function versionLine(): string {
  const build = baked();
  const version = build?.version ?? versionFromPackageJson();
  const packaging = build?.packaging === 'single executable' ? ', single executable' : '';
  return (
    `aks-runbook ${version} (commit ${build?.commit ?? 'unknown'}; ` +
    `Node.js ${process.version} ${process.platform}-${process.arch}${packaging})`
  );
}

/** Walks up from this file to our package.json (works from src and from the compiled tree). */
function versionFromPackageJson(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'aks-runbook' && pkg.version) return pkg.version;
    } catch {
      // not here; keep walking up
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}
