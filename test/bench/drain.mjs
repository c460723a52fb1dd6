// Drain: one node with 30 pods and no PDB in the way, drained by aks-runbook's runner and by
// `kubectl drain --ignore-daemonsets --delete-emptydir-data`, each on a fresh simulator with the
// same clock, alternating. Both figures are whole-process wall times; ours also in-process.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUBECTL, startSim } from './audit.mjs';
import { alternate, summary, tempDir, timed } from './lib.mjs';

const here = new URL('.', import.meta.url).pathname;
export const DRAIN_PODS = 30;
/** Simulated seconds per real second: a pod's 30 s grace period lasts 3 s. */
const SPEED = 10;

/** A fresh simulator with DRAIN_PODS running pods pinned to its first node. */
export async function freshCluster() {
  const up = await startSim('minimal', SPEED);
  const node = up.sim.kube.listNodes()[0].metadata.name;
  const manifest = join(tempDir('drain'), 'web.json');
  const labels = { app: 'web' };
  writeFileSync(
    manifest,
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: DRAIN_PODS,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            nodeSelector: { 'kubernetes.io/hostname': node },
            containers: [{ name: 'web', image: 'nginx:1.27' }],
          },
        },
      },
    }),
  );
  const home = tempDir('kubectl-home');
  // Asynchronous: the simulator answers from this very process.
  const kubectl = async (...args) =>
    (
      await promisify(execFile)(KUBECTL, ['--kubeconfig', up.kubeconfig, ...args], {
        env: { PATH: process.env.PATH, HOME: home, TMPDIR: home },
      })
    ).stdout;
  await kubectl('apply', '--validate=false', '-f', manifest);
  const deadline = Date.now() + 30_000;
  while ((await running(kubectl, node)) < DRAIN_PODS) {
    if (Date.now() > deadline) throw new Error(`${DRAIN_PODS} pods did not start on ${node}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...up, node, home };
}

async function running(kubectl, node) {
  const out = await kubectl(
    'get',
    'pods',
    '-A',
    '--field-selector',
    `spec.nodeName=${node},status.phase=Running`,
    '-o',
    'name',
  );
  return out.split('\n').filter(Boolean).length;
}

/** Runs the drain comparison; resolves to its figures. */
export async function benchDrain(runs) {
  const ours = async () => {
    const c = await freshCluster();
    try {
      const r = await timed(
        process.execPath,
        [join(here, 'drain-ours.mjs'), c.kubeconfig, c.node, c.home],
        {
          stdout: 'pipe',
        },
      );
      if (r.code !== 0) throw new Error(`our drain failed: ${r.stderr}${r.stdout}`);
      return { ...r, drainMs: JSON.parse(r.stdout).drainMs };
    } finally {
      await c.stop();
    }
  };
  const kubectl = async () => {
    const c = await freshCluster();
    try {
      const r = await timed(
        KUBECTL,
        [
          '--kubeconfig',
          c.kubeconfig,
          'drain',
          c.node,
          '--ignore-daemonsets',
          '--delete-emptydir-data',
        ],
        { env: { PATH: process.env.PATH, HOME: c.home, TMPDIR: c.home } },
      );
      if (r.code !== 0) throw new Error(`kubectl drain failed: ${r.stderr}`);
      return r;
    } finally {
      await c.stop();
    }
  };
  const [a, k] = await alternate(runs, ours, kubectl);
  return {
    pods: DRAIN_PODS,
    clockSpeed: SPEED,
    ours: { wallMs: summary(a.map((r) => r.wallMs)), drainMs: summary(a.map((r) => r.drainMs)) },
    kubectl: { wallMs: summary(k.map((r) => r.wallMs)) },
  };
}
