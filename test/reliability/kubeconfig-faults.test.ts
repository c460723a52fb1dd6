// Kubeconfigs that kubectl reads, read the same way over the real wire against the simulator:
// merged KUBECONFIG lists, tokenFile, exec plugins and their interactive mode, TLS not verified
// (a warning in the report), and the lines for what kubectl would refuse. Nothing is written.
import { chmodSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { expectOneLine, runCli, simTarget, type SimTarget } from './cli-harness.js';
import { tempDir } from '../helpers/temp-dir.js';

type Kubeconfig = {
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string } }>;
  'current-context'?: string;
};

let target: SimTarget;
let writesBefore = 0;
let token = '';
const dir = (): string => tempDir('kc-faults-');
/** The simulator's kubeconfig, parsed, edited by `edit`, written to `path`. */
function write(path: string, edit: (kc: Kubeconfig) => void = () => undefined): string {
  const kc = parse(target.sim.userKubeconfig()) as Kubeconfig;
  edit(kc);
  writeFileSync(path, stringify(kc), { mode: 0o600 });
  return path;
}
const audit = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(['audit', '--steps', 'containers', '--output', 'json', ...args], env);
const report = (out: string) =>
  JSON.parse(out) as { cluster: { server: string; warnings?: string[] }; exitCode: number };

beforeAll(async () => {
  target = await simTarget({ scenario: 'minimal' });
  const kc = parse(target.sim.userKubeconfig()) as Kubeconfig;
  token = kc.users[0]!.user['token'] as string;
  writesBefore = target.sim.log.writes().length;
});
afterAll(async () => {
  expect(target.sim.log.writes().slice(writesBefore)).toEqual([]);
  await target.sim.close();
});

describe('kubeconfigs as kubectl reads them, against the simulator', () => {
  it('KUBECONFIG=a:missing:b with the same names in both: merged, first wins, the missing file skipped', async () => {
    const d = dir();
    const a = write(join(d, 'a'));
    // b defines the same cluster and user names, pointing nowhere: they must be ignored.
    const b = write(join(d, 'b'), (kc) => {
      kc.clusters[0]!.cluster['server'] = 'https://127.0.0.1:1';
      kc.users[0]!.user = { token: 'wrong-token-from-b' };
      kc['current-context'] = 'other';
    });
    const run = await audit([], { KUBECONFIG: [a, join(d, 'missing'), b].join(delimiter) });
    expect(run.err).toBe('');
    expect(report(run.out).cluster.server).toBe(target.sim.baseUrl);
  });

  it('current-context set only in the second file of KUBECONFIG is used', async () => {
    const d = dir();
    const a = write(join(d, 'a'), (kc) => delete kc['current-context']);
    const b = write(join(d, 'b'), (kc) => {
      kc.clusters = [];
      kc.users = [];
    });
    const run = await audit([], { KUBECONFIG: [a, b].join(delimiter) });
    expect(run.err).toBe('');
    expect(report(run.out).cluster.server).toBe(target.sim.baseUrl);
  });

  it('tokenFile: the token is read from the file (relative to the kubeconfig) and accepted', async () => {
    const d = dir();
    writeFileSync(join(d, 'token'), `${token}\n`, { mode: 0o600 });
    const file = write(join(d, 'kc'), (kc) => (kc.users[0]!.user = { tokenFile: 'token' }));
    const run = await audit(['--kubeconfig', file]);
    expect(run.err).toBe('');
    expect(report(run.out).exitCode).not.toBe(2);
  });

  it('an exec plugin (interactiveMode Never) runs without a terminal and its token is used', async () => {
    const d = dir();
    const plugin = join(d, 'plugin.sh');
    // The plugin refuses unless kubectl's contract says it is not interactive.
    writeFileSync(
      plugin,
      [
        '#!/bin/sh',
        'case "$KUBERNETES_EXEC_INFO" in *\'"interactive":false\'*) ;; *) echo "no exec info" >&2; exit 1;; esac',
        `printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${token}"}}'`,
      ].join('\n'),
    );
    chmodSync(plugin, 0o700);
    const file = write(join(d, 'kc'), (kc) => {
      kc.users[0]!.user = {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: './plugin.sh',
          interactiveMode: 'Never',
        },
      };
    });
    const run = await audit(['--kubeconfig', file]);
    expect(run.err).toBe('');
    expect(report(run.out).exitCode).not.toBe(2);
  });

  it('an exec plugin that needs a terminal (interactiveMode Always): one line, exit 2', async () => {
    const file = write(join(dir(), 'kc'), (kc) => {
      kc.users[0]!.user = {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: 'sh',
          interactiveMode: 'Always',
        },
      };
    });
    expectOneLine(
      await audit(['--kubeconfig', file]),
      2,
      /credential plugin "sh" of user ".*" needs a terminal to prompt in \(interactiveMode: Always\)/,
    );
  });

  it('insecure-skip-tls-verify: connects, and the report carries the warning (JSON and table)', async () => {
    const file = write(join(dir(), 'kc'), (kc) => {
      delete kc.clusters[0]!.cluster['certificate-authority-data'];
      kc.clusters[0]!.cluster['insecure-skip-tls-verify'] = true;
    });
    const json = await audit(['--kubeconfig', file]);
    expect(json.err).toBe('');
    expect(report(json.out).cluster.warnings).toEqual([
      expect.stringMatching(/^TLS not verified \(insecure-skip-tls-verify in cluster ".*"\)/),
    ]);
    const table = await runCli(['audit', '--steps', 'containers', '--kubeconfig', file]);
    expect(table.out).toMatch(/^WARNING: TLS not verified/m);
  });

  it('insecure-skip-tls-verify together with a CA: refused as kubectl refuses it, nothing asked of the server', async () => {
    const before = target.sim.log.entries.length;
    const file = write(join(dir(), 'kc'), (kc) => {
      kc.clusters[0]!.cluster['insecure-skip-tls-verify'] = true;
    });
    expectOneLine(
      await audit(['--kubeconfig', file]),
      2,
      /sets insecure-skip-tls-verify together with a certificate authority, which kubectl refuses too/,
    );
    expect(target.sim.log.entries.length).toBe(before);
  });

  it('--context "" is a usage error (exit 2), not "no current context"', async () => {
    const file = write(join(dir(), 'kc'));
    expectOneLine(await audit(['--kubeconfig', file, '--context', '']), 2, '--context is empty');
  });

  it('--kubeconfig "" is a usage error (exit 2), not the default kubeconfig', async () => {
    expectOneLine(await audit(['--kubeconfig', '']), 2, '--kubeconfig is empty');
  });

  it('a password in the server URL is never printed', async () => {
    const file = write(join(dir(), 'kc'), (kc) => {
      const url = new URL(target.sim.baseUrl);
      kc.clusters[0]!.cluster['server'] = `https://admin:s3cret-Pa55@${url.host}`;
    });
    const run = await audit(['--kubeconfig', file]);
    expect(run.err + run.out).not.toContain('s3cret-Pa55');
    expectOneLine(
      run,
      2,
      /the server URL of cluster ".*" carries a user name and password \(https:\/\/admin:\*\*\*@127\.0\.0\.1:\d+\); remove them/,
    );
  });
});
