// Views that follow the cluster, on the built program in a real 80x24 terminal against `aks-runbook
// sim --speed 10`, with kubectl in "another terminal" (this test): a pod or a budget changed there
// shows in the drain preview within 2 s; the header says who is signed in and where.
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInPty, type PtySession } from '../helpers/pty.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { osc52 } from '../../src/model/osc52.js';

/** Waits for `text` in what the terminal printed after the `mark`-th character. */
function after(pty: PtySession, mark: number, text: string | RegExp, ms = 30_000) {
  return pty.waitFor(() => {
    const since = pty.screen().slice(mark);
    return typeof text === 'string' ? since.includes(text) : text.test(since);
  }, ms);
}

/** Opens the drain step, filters the table to `node`, selects it and shows its preview. */
async function previewOf(pty: PtySession, node: string): Promise<void> {
  await pty.waitFor('Node images and OS patches', 60_000);
  pty.type(':drain\r');
  await pty.waitFor('d drain · ', 60_000);
  let mark = pty.screen().length;
  pty.type('/');
  await after(pty, mark, 'filter');
  mark = pty.screen().length;
  pty.type(node);
  await after(pty, mark, `/${node}`);
  mark = pty.screen().length;
  pty.type('\r');
  await after(pty, mark, `filter: ${node}`);
  mark = pty.screen().length;
  pty.type(' ');
  await after(pty, mark, '[x]');
  mark = pty.screen().length;
  pty.type('\r');
  await after(pty, mark, /evict \d+ · skip \d+ · blocked \d+/);
}

const kubectl = (running: RunningSim, ...args: string[]) =>
  promisify(execFile)('kubectl', args, {
    env: { ...process.env, KUBECONFIG: running.kubeconfigFile },
  });

/** How long after `since` (kubectl has returned) the screen (from `mark`) showed `text`. */
async function shownIn(pty: PtySession, mark: number, text: string | RegExp, since: number) {
  await after(pty, mark, text, 10_000);
  return Date.now() - since;
}

let running: RunningSim;
beforeAll(async () => {
  running = await startSimCommand('demo', { speed: 10 });
});
afterAll(async () => {
  await running?.stop();
});

describe('views that follow the cluster', () => {
  it('the header names the cluster, who is signed in and the subscription at 80x24', async () => {
    const pty = startInPty(['--sim-connection', running.connectionFile], {
      XDG_STATE_HOME: tempDir('follow-state-'),
    });
    try {
      const { subscriptionId } = JSON.parse(readFileSync(running.connectionFile, 'utf8')) as {
        subscriptionId: string;
      };
      await pty.waitFor(
        `aks-runbook · aks-shop-prod · alex@contoso.com · sub ${subscriptionId.slice(0, 8)}…`,
        60_000,
      );
      pty.type('q');
      expect(await pty.exited(30_000)).toBe(0);
    } finally {
      pty.kill();
    }
  }, 120_000);

  it('kubeconfig only: the header names the user the API server says we are', async () => {
    const pty = startInPty(['--kubeconfig', running.kubeconfigFile], {
      XDG_STATE_HOME: tempDir('follow-state-'),
    });
    try {
      await pty.waitFor(/aks-runbook · \S+ · alex@contoso\.com/, 60_000);
      pty.type('q');
      expect(await pty.exited(30_000)).toBe(0);
    } finally {
      pty.kill();
    }
  }, 120_000);

  it('c in a confirmation copies its command: OSC 52 to the terminal and a file of mode 600', async () => {
    const state = tempDir('follow-state-');
    const node = running.sim.kube.listNodes()[0]!.metadata.name;
    const pty = startInPty(['--sim-connection', running.connectionFile], { XDG_STATE_HOME: state });
    try {
      await previewOf(pty, node);
      let mark = pty.screen().length;
      pty.type('C');
      await after(pty, mark, `$ kubectl cordon ${node}`);
      await after(pty, mark, 'c copies it');
      mark = pty.screen().length;
      pty.type('c');
      const file = join(state, 'aks-runbook', 'commands.txt');
      await after(pty, mark, '✔ Copied to the file above, and to the clipboard if the terminal');
      expect(pty.raw()).toContain(osc52(`kubectl cordon ${node}`));
      expect(readFileSync(file, 'utf8')).toBe(`kubectl cordon ${node}\n`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // Copying answered nothing: Esc cancels, and nothing was cordoned.
      pty.type('\u001b');
      await after(pty, mark, 'Cancelled');
      expect(running.sim.kube.getNode(node)?.spec).not.toMatchObject({ unschedulable: true });
      pty.type('q');
      expect(await pty.exited(30_000)).toBe(0);
    } finally {
      pty.kill();
    }
  }, 120_000);

  it('a pod and a budget changed with kubectl show in the drain preview within 2 s', async () => {
    const apps = running.sim.kube.listNodes().map((n) => n.metadata.name);
    const dbNode = apps.find((n) =>
      running.sim.kube.podsOnNode(n).some((p) => p.metadata.name === 'orders-db-0'),
    )!;
    const pty = startInPty(['--sim-connection', running.connectionFile], {
      XDG_STATE_HOME: tempDir('follow-state-'),
    });
    try {
      await previewOf(pty, dbNode);
      await after(pty, 0, /⏸ wait +payments\/orders-db-0/);
      // A pod with no controller placed on the node from another terminal.
      let mark = pty.screen().length;
      await kubectl(
        running,
        ...['run', 'stray', '-n', 'shop', '--image=busybox', '--restart=Never'],
        `--overrides={"apiVersion":"v1","spec":{"nodeName":"${dbNode}"}}`,
      );
      const pod = await shownIn(pty, mark, '✖ block shop/stray', Date.now());
      // The budget that held orders-db-0 deleted from another terminal: it is evicted now.
      mark = pty.screen().length;
      await kubectl(running, 'delete', 'pdb', '-n', 'payments', 'orders-db');
      const pdb = await shownIn(pty, mark, '→ evict payments/orders-db-0', Date.now());
      process.stdout.write(`kubectl -> drain preview: pod ${pod} ms, PDB ${pdb} ms\n`);
      expect(pod).toBeLessThan(2_000);
      expect(pdb).toBeLessThan(2_000);
      pty.type('q');
      expect(await pty.exited(30_000)).toBe(0);
    } finally {
      pty.kill();
    }
  }, 120_000);
});
