// What a user installs: `npm pack` run on a copy of the sources with no build in it (prepack must
// build), then `npm install -g` of that tarball into an empty prefix, offline, and the command run.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oldNode } from '../helpers/old-node.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = new URL('../..', import.meta.url).pathname;
const dir = tempDir('tarball-');
const prefix = join(dir, 'prefix');
const home = join(dir, 'home');
/** Node 24 first, as for a user who has Node 22+; npm's own variables left out. */
const env: NodeJS.ProcessEnv = {
  PATH: [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
  HOME: home,
  AKS_RUNBOOK_NO_AZURE_SIGNIN: '1',
};

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}
let packed: Packed;
let install: SpawnSyncReturns<string>;

beforeAll(() => {
  const copy = join(dir, 'source');
  mkdirSync(home);
  const parts = ['bin', 'scripts', 'src', 'screens', 'schema', 'package.json', 'README.md'];
  for (const part of [...parts, 'package-lock.json', '.npmrc', 'tsconfig.json']) {
    cpSync(join(root, part), join(copy, part), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: copy,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  packed = (JSON.parse(out) as Packed[])[0]!;
  install = spawnSync(
    'npm',
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--offline',
      '--no-audit',
      '--no-fund',
      '--cache',
      join(dir, 'cache'),
      join(dir, packed.filename),
    ],
    { env, encoding: 'utf8' },
  );
}, 120_000);

const installed = (args: string[], node?: string): SpawnSyncReturns<string> => {
  const bin = join(prefix, 'bin', 'aks-runbook');
  return node
    ? spawnSync(node, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 })
    : spawnSync(bin, args, { env, encoding: 'utf8', timeout: 60_000 });
};

describe('the npm package', () => {
  it('holds the built bundle, the entry, the schemas and the README, nothing else', () => {
    const allowed = [
      /^package\.json$/,
      /^README\.md$/,
      /^bin\/aks-runbook\.js$/,
      /^dist\/bundle\/[\w-]+\.js$/,
      /^schema\/(audit-report|waivers)\.v\d+\.json$/,
    ];
    const paths = packed.files.map((f) => f.path);
    expect(paths.filter((p) => !allowed.some((a) => a.test(p)))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['bin/aks-runbook.js', 'dist/bundle/cli.js']));
    // Measured at 1.1 MB packed, 5.0 MB unpacked: a bound well above that catches a stray folder.
    expect(packed.size).toBeLessThan(1_600_000);
    expect(packed.unpackedSize).toBeLessThan(6_500_000);
  });

  it('needs nothing at install: no dependencies, no install scripts', () => {
    const manifest = JSON.parse(
      readFileSync(join(prefix, 'lib/node_modules/aks-runbook/package.json'), 'utf8'),
    ) as Record<string, Record<string, string> | undefined>;
    // The bundle inlines every library; a runtime dependency would be downloaded for nothing.
    expect(manifest['dependencies'] ?? {}).toEqual({});
    expect(manifest['optionalDependencies'] ?? {}).toEqual({});
    expect(manifest['peerDependencies'] ?? {}).toEqual({});
    const scripts = Object.keys(manifest['scripts'] ?? {});
    expect(scripts.filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
  });

  it('installs globally, offline, without a warning', () => {
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/warn/i);
  });

  it('runs from the global install with no build step', () => {
    const version = installed(['--version']);
    expect(version.stdout).toMatch(
      /^aks-runbook \d+\.\d+\.\d+ \(commit unknown; Node\.js v\d+\.\d+\.\d+ linux-\w+\)$/m,
    );
    const audit = installed(['audit', '--demo', '--output', 'json']);
    expect(audit.status, audit.stderr).toBe(1);
    expect(JSON.parse(audit.stdout)).toMatchObject({ schema: 'aks-runbook/audit-report' });
    expect(installed(['completion', 'bash']).stdout).toContain(
      'complete -F _aks_runbook aks-runbook',
    );
  });

  const old = oldNode();
  it.skipIf(old === null)(
    `says what it needs on an old Node (${old ? `${old.path} ${old.version}` : 'skipped: none here'})`,
    () => {
      const ran = installed(['--version'], old!.path);
      expect(ran.status).toBe(2);
      expect(ran.stderr).toMatch(/^aks-runbook: needs Node\.js 22 or newer, this is v\d+[^\n]*\n$/);
    },
  );
});
