// Large-cluster audit: `aks-runbook audit` of the `large` simulator against real kubectl fetching
// the same kinds from the same simulator (isolated HOME and cache dir, default chunking), alternating.
// Requests are counted from the simulator's own request log.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runSimCommand } from '../../dist/src/sim/sim-command.js';
import { alternate, summary, tempDir, timed } from './lib.mjs';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/aks-runbook.js');
export const KUBECTL = '/usr/bin/kubectl';
const KINDS =
  'nodes,pods,namespaces,roles,rolebindings,clusterroles,clusterrolebindings,networkpolicies,poddisruptionbudgets';

const KIND_NAMES = KINDS.split(',');

/** Starts `aks-runbook sim` in this process; resolves to the simulator, its files and a stop. */
export async function startSim(scenario, speed) {
  const dir = tempDir('sim');
  const stop = new AbortController();
  const kubeconfig = join(dir, 'kubeconfig');
  const connection = join(dir, 'connection.json');
  let ready;
  const up = new Promise((resolve) => (ready = resolve));
  const done = runSimCommand(
    {
      scenario,
      speed,
      port: 0,
      kubeconfigOut: kubeconfig,
      connectionOut: connection,
      signal: stop.signal,
      onReady: ready,
    },
    { write: () => undefined },
  );
  const sim = await Promise.race([up, done.then(() => Promise.reject(new Error('sim ended')))]);
  return { sim, kubeconfig, connection, stop: () => (stop.abort(), done) };
}

/** Counts what the simulator served while `work` ran, by API (kube, arm). */
async function counted(sim, work) {
  const before = sim.log.entries.length;
  const result = await work();
  const served = sim.log.entries.slice(before);
  return {
    ...result,
    kubeRequests: served.filter((e) => e.api === 'kube').length,
    armRequests: served.filter((e) => e.api === 'arm').length,
    ...kindsOf(served),
  };
}

/**
 * What the requests were, for the table: lists of the kinds kubectl is asked for (any page, any
 * namespace: the like-for-like count), SubjectAccessReviews (the rbac step has the API server
 * confirm its findings; no `kubectl get` does), Microsoft Graph (names of people and groups) and
 * everything else (lists of other kinds, discovery, the metric endpoint).
 */
function kindsOf(served) {
  const sameObject = (e) =>
    e.api === 'kube' &&
    e.method === 'GET' &&
    KIND_NAMES.includes(e.path.split('/').at(-1)) &&
    !/[?&]watch=/.test(e.query);
  const review = (e) => e.api === 'kube' && e.path.endsWith('/subjectaccessreviews');
  return {
    sameObjectRequests: served.filter(sameObject).length,
    accessReviews: served.filter(review).length,
    graphRequests: served.filter((e) => e.api === 'graph').length,
    otherKubeRequests: served.filter((e) => e.api === 'kube' && !sameObject(e) && !review(e))
      .length,
  };
}

/** Runs the audit comparison; resolves to its figures. */
export async function benchAudit(runs) {
  const { sim, kubeconfig, connection, stop } = await startSim('large', 100);
  const { subscriptionId, resourceGroup, name } = sim.arm;
  const ours = () =>
    counted(sim, () =>
      timed(
        process.execPath,
        [
          bin,
          'audit',
          '--sim-connection',
          connection,
          '--subscription',
          subscriptionId,
          '-g',
          resourceGroup,
          '-n',
          name,
          '--output',
          'json',
        ],
        { env: { ...process.env, XDG_STATE_HOME: tempDir('state') } },
      ),
    );
  const kubectl = () => {
    const home = tempDir('kubectl-home');
    mkdirSync(join(home, 'cache'));
    return counted(sim, () =>
      timed(
        KUBECTL,
        [
          '--kubeconfig',
          kubeconfig,
          '--cache-dir',
          join(home, 'cache'),
          'get',
          KINDS,
          '-A',
          '-o',
          'json',
        ],
        { env: { PATH: process.env.PATH, HOME: home, TMPDIR: home } },
      ),
    );
  };
  try {
    const [a, k] = await alternate(runs, ours, kubectl);
    const failed = [...a, ...k].find((r) => r.code !== 0 && r.code !== 1);
    if (failed) throw new Error(`a run failed (exit ${failed.code}): ${failed.stderr.trim()}`);
    const pick = (list, key) => summary(list.map((r) => r[key]));
    return {
      ours: {
        wallMs: pick(a, 'wallMs'),
        peakRssMb: pick(a, 'peakRssMb'),
        cpuS: pick(a, 'cpuS'),
        kubeRequests: pick(a, 'kubeRequests'),
        armRequests: pick(a, 'armRequests'),
        sameObjectRequests: pick(a, 'sameObjectRequests'),
        accessReviews: pick(a, 'accessReviews'),
        graphRequests: pick(a, 'graphRequests'),
        otherKubeRequests: pick(a, 'otherKubeRequests'),
      },
      kubectl: {
        wallMs: pick(k, 'wallMs'),
        peakRssMb: pick(k, 'peakRssMb'),
        cpuS: pick(k, 'cpuS'),
        kubeRequests: pick(k, 'kubeRequests'),
      },
    };
  } finally {
    await stop();
  }
}
