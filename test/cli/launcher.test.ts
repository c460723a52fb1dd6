// bin/aks-runbook.js started with the machine's own old Node (20 here, as in Cloud Shell and most
// distributions): it must relaunch itself on the project's Node 24, keeping arguments, terminal,
// signals and exit code, or say in one line what to install.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, isolatedHome, runBin, writeKubeconfig } from '../helpers/cli-process.js';
import { oldNode } from '../helpers/old-node.js';
import { startInTmux, type TmuxTerminal } from '../reliability/tmux.js';
import { tempDir } from '../helpers/temp-dir.js';

const old = oldNode();
const noOldNode = old === null;
const why = old
  ? `with ${old.path} ${old.version}`
  : '(skipped: no Node older than 22 on this machine)';
const dir = tempDir('launcher-');
const terminals: TmuxTerminal[] = [];
afterAll(() => {
  for (const t of terminals) t.close();
});

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, `stderr was:\n${stderr}`).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

describe('the bin on an old Node', () => {
  it('is written in JavaScript that Node 12.17 and later can parse', () => {
    const source = readFileSync(BIN, 'utf8');
    const file = ts.createSourceFile(BIN, source, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
    const tooNew = new Map<ts.SyntaxKind, string>([
      [ts.SyntaxKind.QuestionDotToken, '?.'],
      [ts.SyntaxKind.QuestionQuestionToken, '??'],
      [ts.SyntaxKind.QuestionQuestionEqualsToken, '??='],
      [ts.SyntaxKind.BarBarEqualsToken, '||='],
      [ts.SyntaxKind.AmpersandAmpersandEqualsToken, '&&='],
      [ts.SyntaxKind.PrivateIdentifier, '#private'],
      [ts.SyntaxKind.PropertyDeclaration, 'class field'],
    ]);
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      const name = tooNew.get(node.kind);
      if (name)
        found.push(`${name} at line ${file.getLineAndCharacterOfPosition(node.pos).line + 1}`);
      if (ts.isAwaitExpression(node) && !ts.findAncestor(node, ts.isFunctionLike)) {
        found.push('top-level await');
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    expect((file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
    expect(found).toEqual([]);
  });

  it.skipIf(noOldNode)(`reaches its own argument checks ${why}`, async () => {
    const kubeconfig = writeKubeconfig();
    const context = await runBin(
      ['--context', 'nope'],
      { KUBECONFIG: kubeconfig },
      { node: old!.path },
    );
    expect(context.code).toBe(2);
    expect(oneLine(context.stderr)).toBe(
      `aks-runbook: no context named "nope" in ${kubeconfig}; available: alpha`,
    );
    // The README's real-cluster and audit commands, one flag short.
    const cluster = await runBin(['--subscription', 's', '-g', 'rg'], {}, { node: old!.path });
    expect(oneLine(cluster.stderr)).toMatch(/named by both -g\/--resource-group and -n\/--name/);
    const audit = await runBin(['audit', '-n', 'aks'], {}, { node: old!.path });
    expect(audit.code).toBe(2);
    expect(oneLine(audit.stderr)).toMatch(/named by both -g\/--resource-group and -n\/--name/);
  });

  it.skipIf(noOldNode)(`runs the audit end to end on Node 24 ${why}`, async () => {
    const ran = await runBin(['audit', '--demo', '--output', 'json'], {}, { node: old!.path });
    expect(ran.code, ran.stderr).toBe(1);
    expect(JSON.parse(ran.stdout)).toMatchObject({ schema: 'aks-runbook/audit-report' });
    const version = await runBin(['--version'], {}, { node: old!.path });
    expect(version.stdout).toMatch(/Node\.js v2[4-9]\./);
  });

  it.skipIf(noOldNode)(
    `passes SIGTERM and SIGINT on and exits as the program does ${why}`,
    async () => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        const sim = startSim(signal);
        await sim.ready;
        sim.child.kill(signal);
        const [code] = await sim.exited;
        expect(code, sim.output()).toBe(0);
        expect(sim.output()).toContain('Simulator stopped.');
      }
    },
  );

  it.skipIf(noOldNode)(
    `stops cleanly on a terminal's Ctrl+C, which reaches both processes ${why}`,
    async () => {
      // As a terminal does: SIGINT to the whole process group, so the program gets it twice (from
      // the kernel, and passed on by the launcher).
      const sim = startSim('group', { ownGroup: true });
      await sim.ready;
      process.kill(-sim.child.pid!, 'SIGINT');
      const [code] = await sim.exited;
      expect(code, sim.output()).toBe(0);
      expect(sim.output()).toContain('Simulator stopped.');
    },
  );

  it.skipIf(noOldNode)(`exits 128+n when the program dies of signal n ${why}`, async () => {
    const sim = startSim('kill');
    await sim.ready;
    const pid = sim.child.pid!;
    const relaunched = Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim());
    process.kill(relaunched, 'SIGKILL');
    expect(await sim.exited).toEqual([128 + 9, null]);
  });

  it.skipIf(noOldNode)(
    `keeps the terminal and its resizes ${why}`,
    async () => {
      const t = startInTmux(
        ['--demo'],
        { XDG_STATE_HOME: join(dir, 'state') },
        undefined,
        `${old!.path} ${BIN}`,
      );
      terminals.push(t);
      await t.waitFor('Node images and OS patches', 60_000);
      t.resize(60, 20);
      await t.waitFor('at least 80x24');
      t.resize(100, 30);
      await t.waitFor(
        (s) => s.includes('Node images and OS patches') && !s.includes('at least 80x24'),
      );
      t.key('q');
      await t.waitFor('[exit code 0]');
    },
    120_000,
  );

  it.skipIf(noOldNode)(
    `says in one line what to install when there is no Node 24 ${why}`,
    async () => {
      // The bin alone, away from the project's node_modules.
      const alone = join(dir, 'alone', 'bin');
      mkdirSync(alone, { recursive: true });
      copyFileSync(BIN, join(alone, 'aks-runbook.js'));
      const ran = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(old!.path, [join(alone, 'aks-runbook.js'), '--demo'], {
          env: { PATH: '/usr/bin:/bin', HOME: isolatedHome() },
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      expect(ran.code).toBe(2);
      expect(oneLine(ran.stderr)).toMatch(
        /^aks-runbook: needs Node\.js 22 or newer, this is v\d+\.\d+\.\d+; install Node\.js 22\+/,
      );
    },
  );
});

/** `aks-runbook sim` started with the old Node; `ready` once it prints how to reach it. */
function startSim(name: string, options: { ownGroup?: boolean } = {}) {
  const child = spawn(
    old!.path,
    [
      BIN,
      'sim',
      '--kubeconfig-out',
      join(dir, `${name}.kubeconfig`),
      '--connection-out',
      join(dir, `${name}.json`),
    ],
    {
      env: { PATH: process.env['PATH'], HOME: isolatedHome(), AKS_RUNBOOK_NO_AZURE_SIGNIN: '1' },
      // Its own process group, so the whole group can be signalled as a terminal does.
      detached: options.ownGroup === true,
    },
  );
  let out = '';
  const ready = new Promise<void>((resolve) => {
    const look = (d: Buffer): void => {
      out += d.toString();
      if (out.includes('Press Ctrl+C to stop.')) resolve();
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
  });
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (code, signal) => resolve([code, signal])),
  );
  return { child, ready, exited, output: () => out };
}
