// `aks-runbook fleet sequence` end to end: the clusters in no fleet upgraded one at a time through
// the real Container Service client and its pollers against the twelve-cluster simulator, each
// verified and confirmed before the next; journaled and resumed. Writes counted in the sim's log.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sequenceJournalPath } from '../../src/fleet/sequence-journal.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator;
let h: ReturnType<typeof fleetHarness>;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  h = fleetHarness(sim);
});
afterAll(async () => {
  await sim.close();
});

const TO = ['--kubernetes-version', '1.30.12'];

const cluster = (name: string) => sim.clusters.find((c) => c.arm.name === name)!;

/** ARM writes about one cluster (the front's log holds every ARM request). */
const writesTo = (name: string): string[] =>
  sim.clusters
    .flatMap((c) => c.log.writes())
    .filter((e) => e.path.includes(`/managedClusters/${name}`))
    .map((e) => `${e.method} ${e.path.split('/').at(-1)}`);

describe('fleet sequence', () => {
  it("--dry-run and --read-only show every cluster's operations and send nothing", async () => {
    const before = writesOf(sim);
    const dry = await h.run(['sequence', ...TO, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/1\/2 aks-data-dev \(dev, rg-dev-northeurope/);
    expect(dry.out).toMatch(
      /1\. control plane 1\.30\.11 → 1\.30\.12\n\s+2\. pool system \(System, 2 nodes\) 1\.30\.11 → 1\.30\.12/,
    );
    expect(dry.out).toMatch(/2\/2 aks-legacy-prod/);
    expect(dry.out).toContain('Dry run: nothing was sent to any cluster.');
    const ro = await h.run(['sequence', ...TO, '--read-only']);
    expect(ro.code).toBe(0);
    expect(ro.out).toContain('Read-only: the upgrade is shown, not offered; nothing was sent.');
    expect(writesOf(sim)).toBe(before);
  });

  it('off a terminal without --confirm refuses in one line; a --confirm naming no cluster of it too', async () => {
    const before = writesOf(sim);
    const refused = await h.run(['sequence', ...TO]);
    expect(refused.code).toBe(2);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
    expect(refused.err).toMatch(/name each with --confirm <cluster>/);
    const wrong = await h.run(['sequence', ...TO, '--confirm', 'aks-shop-dev']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/--confirm aks-shop-dev: not a cluster of this sequence/);
    expect(writesOf(sim)).toBe(before);
  });

  it('upgrades dev, verifies it, stops before prod unconfirmed, then resumes there from the journal', async () => {
    const first = await h.run(['sequence', ...TO, '--confirm', 'aks-data-dev']);
    expect(first.err).toBe('');
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/✔ control plane 1\.30\.11 → 1\.30\.12 succeeded/);
    expect(first.out).toMatch(
      /✔ aks-data-dev verified: control plane runs 1\.30\.12; every pool runs 1\.30\.12; cluster and pools Succeeded; 2\/2 nodes Ready/,
    );
    expect(first.out).toMatch(
      /Stopped before aks-legacy-prod: not confirmed, nothing was sent to it/,
    );
    expect(cluster('aks-data-dev').aks.state.currentKubernetesVersion).toBe('1.30.12');
    expect(cluster('aks-legacy-prod').aks.state.currentKubernetesVersion).toBe('1.29.15');
    expect(writesTo('aks-legacy-prod')).toEqual([]);
    expect(writesTo('aks-data-dev')).toEqual(['PUT aks-data-dev', 'PUT system']);
    const second = await h.run(['sequence', ...TO, '--confirm', 'aks-legacy-prod']);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(
      /Resuming the sequence begun .*: 1 of 2 verified; picking up at aks-legacy-prod/,
    );
    expect(second.out).not.toMatch(/── 1\/2/);
    expect(second.out).toMatch(/✔ aks-legacy-prod verified/);
    expect(second.out).toContain(
      '✔ Sequence complete: 2 clusters upgraded or already there, each verified.',
    );
    expect(cluster('aks-legacy-prod').aks.state.currentKubernetesVersion).toBe('1.30.12');
    const lines = readFileSync(
      sequenceJournalPath(h.env(), { type: 'Full', kubernetesVersion: '1.30.12' }, true),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; phase?: string; id?: string });
    expect(
      lines.map(
        (l) =>
          `${l.kind}${l.phase ? ` ${l.phase}` : ''}${l.id ? ` ${l.id.split('/').at(-1)}` : ''}`,
      ),
    ).toEqual([
      'begin',
      'cluster baseline aks-data-dev',
      'cluster confirmed aks-data-dev',
      'cluster verified aks-data-dev',
      'cluster baseline aks-legacy-prod',
      'cluster confirmed aks-legacy-prod',
      'cluster verified aks-legacy-prod',
      'end',
    ]);
  }, 60_000);
});

describe('fleet sequence interrupted', () => {
  it('SIGTERM during an upgrade stops following as Ctrl+C does: the same line, exit 143', async () => {
    const slow = await startSimulator({ scenario: 'fleet', speed: 60 });
    try {
      const s = fleetHarness(slow);
      const args = ['sequence', ...TO, '--clusters', 'aks-data-dev', '--confirm', 'aks-data-dev'];
      // SIGTERM once the PUT reached Azure, before its answer (no test signal: the command's own
      // handling runs): the request ends at once, and nobody knows yet whether Azure took it.
      const put = slow.hold(
        (method, path) => method === 'PUT' && /managedClusters\/aks-data-dev$/i.test(path),
      );
      void put.reached.then(() => {
        process.emit('SIGTERM', 'SIGTERM');
        put.release();
      });
      const first = await s.run(args);
      expect(first.out).toMatch(
        /Interrupted while control plane 1\.30\.11 → 1\.30\.12 on aks-data-dev waited for Azure's answer:\n.*may or may not have accepted it[\s\S]*Then run the same command again: the sequence picks up at this cluster/,
      );
      expect(first.code).toBe(143);
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('Ctrl+C during an upgrade leaves it running in Azure; the rerun follows it and goes on, sending nothing twice', async () => {
    const slow = await startSimulator({ scenario: 'fleet', speed: 60 });
    try {
      const s = fleetHarness(slow);
      const args = ['sequence', ...TO, '--clusters', 'aks-data-dev', '--confirm', 'aks-data-dev'];
      const stop = new AbortController();
      // Ctrl+C once the PUT reached Azure, before its answer: a Ctrl+C before it would send
      // nothing. Azure took it here, and the rerun finds it running.
      const put = slow.hold(
        (method, path) => method === 'PUT' && /managedClusters\/aks-data-dev$/i.test(path),
      );
      void put.reached.then(() => {
        stop.abort();
        put.release();
      });
      const first = await s.run(args, { signal: stop.signal });
      expect(first.code).toBe(130);
      expect(first.out).toMatch(
        /Interrupted while control plane 1\.30\.11 → 1\.30\.12 on aks-data-dev waited for Azure's answer:\n.*may or may not have accepted it[\s\S]*Then run the same command again: the sequence picks up at this cluster/,
      );
      const second = await s.run(args, { progress: true });
      expect(second.out).toMatch(
        /Resuming the sequence begun .*: 0 of 1 verified; picking up at aks-data-dev/,
      );
      expect(second.out).toMatch(
        /An upgrade this sequence started is still running \(cluster Upgrading\): following it/,
      );
      expect(second.err).toMatch(/aks-data-dev: pool system: \d\/2 nodes done/);
      expect(second.out).toMatch(/✔ aks-data-dev verified/);
      expect(second.code).toBe(0);
      const puts = slow.clusters
        .flatMap((c) => c.log.writes())
        .filter((e) => e.path.includes('/managedClusters/aks-data-dev'))
        .map((e) => `${e.method} ${e.path.split('/').slice(-2).join('/')}`);
      expect(puts).toEqual(['PUT managedClusters/aks-data-dev', 'PUT agentPools/system']);
    } finally {
      await slow.close();
    }
  }, 90_000);
});

describe('fleet sequence of node images, confirmed at the prompt', () => {
  it('upgrades each pool image not on the latest after the cluster name is typed; a wrong name stops before the next', async () => {
    const fresh = await startSimulator({ scenario: 'fleet', speed: 6000 });
    try {
      const s = fleetHarness(fresh);
      const ran = await s.run(['sequence', '--upgrade-type', 'NodeImageOnly'], {
        answers: ['aks-data-dev', 'aks-legacy'],
      });
      expect(ran.asked).toEqual([
        expect.stringMatching(/Type the cluster name \(aks-data-dev\)/),
        expect.stringMatching(/Type the cluster name \(aks-legacy-prod\)/),
      ]);
      expect(ran.out).toMatch(
        /About to upgrade aks-data-dev: node image of pool system AKSUbuntu-\S+ → AKSUbuntu-\S+\./,
      );
      expect(ran.out).toMatch(/az aks nodepool upgrade .*--node-image-only/);
      expect(ran.out).toMatch(
        /✔ aks-data-dev verified: every pool has the latest node image; cluster and pools Succeeded; 2\/2 nodes Ready/,
      );
      expect(ran.out).toMatch(
        /Stopped before aks-legacy-prod: not confirmed, nothing was sent to it/,
      );
      expect(ran.code).toBe(1);
      const sent = fresh.clusters
        .flatMap((c) => c.log.writes())
        .map((e) => `${e.method} ${e.path.split('/').slice(-4).join('/')}`);
      expect(sent).toEqual(['POST aks-data-dev/agentPools/system/upgradeNodeImageVersion']);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
