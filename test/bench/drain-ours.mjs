// Our side of the drain benchmark, as a process of its own: drains one node with aks-runbook's
// drain runner (kubectl's timings, journaled like the TUI does) and prints how long the drain took.
// Usage: node drain-ours.mjs KUBECONFIG NODE JOURNAL_DIR
import { KubeConfig } from '@kubernetes/client-node';
import { DEFAULT_DRAIN_OPTIONS } from '../../dist/src/model/drain.js';
import { Journal } from '../../dist/src/runbook/journal.js';
import { KUBECTL_TIMINGS, runDrain } from '../../dist/src/steps/drain/run/run-drain.js';

const [kubeconfig, node, dir] = process.argv.slice(2);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const mode = { readOnly: false, dryRun: false, demo: true };
const journal = await Journal.open({ cluster: 'bench', mode, env: process.env, dir });
const started = performance.now();
const progress = await runDrain(
  [node],
  { ...DEFAULT_DRAIN_OPTIONS, ignoreDaemonSets: true, deleteEmptyDirData: true },
  {
    kc,
    server: kc.getCurrentCluster()?.server ?? '',
    journal,
    dryRun: false,
    timings: KUBECTL_TIMINGS,
    signal: new AbortController().signal,
    onProgress: () => undefined,
  },
);
const drainMs = performance.now() - started;
await journal.close?.();
process.stdout.write(JSON.stringify({ drainMs, phase: progress.nodes[0]?.phase }) + '\n');
process.exit(progress.nodes[0]?.phase === 'drained' ? 0 : 1);
