// `aks-runbook fleet` end to end: the real Resource Graph and Fleet Manager clients over HTTPS
// against the twelve-cluster simulator, reached through its connection file as a second program
// would. No mocks: the simulator's request log counts what was sent.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, main } from '../../src/cli.js';
import { parseInvocation } from '../../src/cli/args.js';
import { runFleet } from '../../src/cli/run-fleet.js';
import { createResourceGraphClient, queryAllPages } from '../../src/azure/resource-graph.js';
import { CLUSTERS_QUERY } from '../../src/fleet/graph-queries.js';
import { simConnectionOf } from '../../src/sim/connection-file.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fixedTokenCredential } from '../../src/target/credential.js';
import { tempDir } from '../helpers/temp-dir.js';

let sim: Simulator;
let connection: string;
let home: string;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  home = tempDir('fleet-home-');
  connection = join(home, 'sim.json');
  writeFileSync(connection, JSON.stringify(simConnectionOf(sim)));
});
afterAll(async () => {
  await sim.close();
});

function env(): NodeJS.ProcessEnv {
  return {
    HOME: home,
    XDG_STATE_HOME: join(home, 'state'),
    AKS_RUNBOOK_NO_AZURE_SIGNIN: '1',
    AKS_RUNBOOK_FLEET_POLL_MS: '20',
  };
}

interface Ran {
  code: number;
  out: string;
  err: string;
}

/** Runs `aks-runbook fleet …` in this process; `ask` answers a typed confirmation. */
async function fleet(
  args: string[],
  opts: {
    ask?: string;
    interactive?: boolean;
    signal?: AbortSignal;
    onOut?: (t: string) => void;
  } = {},
): Promise<Ran> {
  let out = '';
  let err = '';
  const io = {
    out: (t: string) => {
      out += t;
      opts.onOut?.(out);
    },
    err: (t: string) => (err += t),
    interactive: opts.interactive ?? false,
    progress: false,
  };
  const argv = ['fleet', ...args, '--sim-connection', connection];
  let invocation;
  try {
    invocation = parseInvocation(argv, env(), '0', io.out);
  } catch {
    return { code: await main(argv, env(), io), out, err };
  }
  if (invocation.kind !== 'fleet') throw new Error('not a fleet command');
  const code = await runFleet(invocation.fleet, env(), io, {
    ...(opts.ask !== undefined ? { ask: () => Promise.resolve(opts.ask!) } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  }).catch((error: unknown) => fail(io, error));
  return { code, out, err };
}

const writes = (): number => sim.clusters.reduce((n, c) => n + c.log.writes().length, 0);

describe('fleet inventory', () => {
  it('lists all twelve clusters from Resource Graph, riskiest first, with filters', async () => {
    const all = await fleet(['inventory', '--output', 'json']);
    expect(all.code).toBe(0);
    const doc = JSON.parse(all.out) as {
      clusters: Array<{
        name: string;
        support: string;
        risks: string[];
        fleet?: { group?: string };
      }>;
    };
    expect(doc.clusters).toHaveLength(12);
    expect(doc.clusters[0]).toMatchObject({ name: 'aks-legacy-prod', support: 'unsupported' });
    expect(doc.clusters.filter((c) => c.fleet)).toHaveLength(10);
    expect(doc.clusters.find((c) => c.name === 'aks-pay-stg')?.fleet?.group).toBe('staging');
    const old = await fleet(['inventory', '--where', 'version<1.31', '--output', 'json']);
    const names = (JSON.parse(old.out) as { clusters: Array<{ name: string }> }).clusters.map(
      (c) => c.name,
    );
    expect(names).toHaveLength(8);
    expect(names).not.toContain('aks-pay-dev');
    const table = await fleet(['inventory', '--where', 'risk=public-api', 'tag.env=prod']);
    expect(table.out).toContain('0 clusters');
    const prod = await fleet([
      'inventory',
      '--subscriptions',
      '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
      '--output',
      'markdown',
    ]);
    expect(
      prod.out.split('\n').filter((l) => l.startsWith('| ') && l.includes('aks-')),
    ).toHaveLength(6);
    expect(writes()).toBe(0);
  });

  it('refuses a filter it does not understand in one line', async () => {
    const bad = await fleet(['inventory', '--where', 'colour=blue']);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/--where "colour=blue": expected FIELD OP VALUE/);
  });

  it('pages through skip tokens when there are more clusters than a page', async () => {
    const before = sim.log.entries.filter((e) => e.path.includes('ResourceGraph')).length;
    const graph = createResourceGraphClient({
      credential: fixedTokenCredential(sim.arm.token),
      cloud: 'AzureCloud',
      mode: { readOnly: true, dryRun: false },
      endpoint: sim.arm.endpoint,
      caCert: sim.caCert,
    });
    const rows = await queryAllPages(graph, CLUSTERS_QUERY, undefined, 5);
    expect(new Set(rows.map((r) => r['name'])).size).toBe(12);
    expect(sim.log.entries.filter((e) => e.path.includes('ResourceGraph')).length - before).toBe(3);
  });
});

describe('fleet sequence', () => {
  it("orders the clusters outside the fleet by env tag, dev first, with readiness and each one's operations (read-only)", async () => {
    const before = writes();
    const seq = await fleet(['sequence', '--kubernetes-version', '1.30.12', '--read-only']);
    expect(seq.code).toBe(0);
    const order = seq.out.split('\n').filter((l) => /^\d+ {2,}/.test(l));
    expect(order.map((l) => l.split(/\s+/).slice(1, 4).join(' '))).toEqual([
      'dev aks-data-dev aks-data-dev',
      'prod aks-legacy-prod aks-legacy-prod',
    ]);
    expect(order[0]).toMatch(/1\.30\.11\s+1\.30\.12\s+ready/);
    expect(order[1]).toMatch(/1\.29\.15\s+1\.30\.12\s+warning/);
    expect(seq.out).toMatch(
      /── 1\/2 aks-data-dev \(dev, rg-dev-northeurope, subscription 5a1e0c3b-/,
    );
    expect(seq.out).toMatch(/1\. control plane 1\.29\.15 → 1\.30\.12/);
    expect(seq.out).not.toMatch(/az fleet create/);
    expect(writes()).toBe(before);
  });
});

describe('audit --all-subscriptions', () => {
  it('audits the clusters the inventory lists and prints the fleet summary', async () => {
    let out = '';
    const code = await main(
      [
        'audit',
        '--all-subscriptions',
        '--sim-connection',
        connection,
        '--steps',
        'defender,api-access',
      ],
      env(),
      { out: (t) => (out += t), err: () => undefined, interactive: false, progress: false },
    );
    expect(code).toBe(0);
    const summary = out.slice(0, out.indexOf('\n\n'));
    const rows = summary.split('\n').slice(1);
    expect(rows[0]).toMatch(/^cluster\s+defender\s+api-access$/);
    expect(rows).toHaveLength(13);
    // Riskiest first, as the inventory sorts: the out-of-support cluster leads.
    expect(rows[1]).toMatch(/^9d8c7b6a\/rg-prod-eastus\/aks-legacy-prod\s+ok\s+ok$/);
    expect(rows.find((r) => r.includes('aks-shop-dev'))).toMatch(
      /aks-shop-dev\s+(high|medium|low)\s+(high|medium|low)/,
    );
    expect(writes()).toBe(0);
  }, 60_000);
});

describe('fleet run', () => {
  const target = ['--kubernetes-version', '1.31.8'];

  it('plans dev -> staging -> prod and names the PDB-blocked member before anything starts', async () => {
    const before = writes();
    const plan = await fleet(['run', 'plan', ...target]);
    expect(plan.code).toBe(0);
    const order = plan.out.split('\n').filter((l) => /^\d+ {2,}/.test(l));
    expect(order.map((l) => l.split(/\s+/)[1])).toEqual([
      'dev',
      'dev',
      'staging',
      'staging',
      'staging',
      'prod',
      'prod',
      'prod',
      'prod',
      'prod',
    ]);
    expect(order.find((l) => l.includes('pay-stg'))).toMatch(/1\.30\.12\s+1\.31\.8\s+blocked/);
    expect(plan.out).toMatch(/pay-stg: PDB data\/ledger allows 0 disruptions/);
    expect(plan.out).toMatch(/wait 5m after dev/);
    expect(writes()).toBe(before);
  });

  it('names the members still using APIs the target removes, reading them only where it removes any', async () => {
    // Each cluster keeps its own request log: the API server metric reads, cluster by cluster.
    const metricReads = () =>
      sim.clusters.map((c) => c.log.entries.filter((e) => e.path === '/metrics').length);
    const before = writes();
    const atStart = metricReads();
    // 1.31.8 removes no API after any member's minor: no member's deprecated-API sources are read.
    expect((await fleet(['run', 'plan', ...target])).code).toBe(0);
    expect(metricReads()).toEqual(atStart);
    const plan = await fleet([
      'run',
      'plan',
      '--kubernetes-version',
      '1.32.5',
      '--upgrade-type',
      'ControlPlaneOnly',
    ]);
    expect(plan.code).toBe(0);
    expect(plan.out).toMatch(
      /data-stg: FlowSchema flowcontrol\.apiserver\.k8s\.io\/v1beta3 is removed in 1\.32 and still used \(last applied as \S+: FlowSchema batch-low\): move to flowcontrol\.apiserver\.k8s\.io\/v1/,
    );
    expect(plan.out).toMatch(
      /data-stg\s+rg-staging-northeurope\/aks-data-stg\s+1\.31\.7\s+1\.32\.5\s+warning/,
    );
    expect(plan.out).not.toMatch(/pay-dev: FlowSchema/);
    // 1.32 removes an API after every member's minor: one look at each of the ten members, none
    // at the two clusters outside the fleet.
    const looks = metricReads().map((n, i) => n - atStart[i]!);
    expect(looks.filter((n) => n === 1)).toHaveLength(10);
    expect(looks.filter((n) => n !== 0 && n !== 1)).toEqual([]);
    expect(writes()).toBe(before);
  });

  it('never starts without the fleet name typed', async () => {
    const before = writes();
    const noConfirm = await fleet(['run', 'start', '-n', 'never', ...target]);
    expect(noConfirm.code).toBe(2);
    expect(noConfirm.err).toMatch(/add --confirm fleet-contoso/);
    const wrong = await fleet([
      'run',
      'start',
      '-n',
      'never',
      ...target,
      '--confirm',
      'fleet-other',
    ]);
    expect(wrong.code).toBe(2);
    const cancelled = await fleet(['run', 'start', '-n', 'never', ...target], {
      interactive: true,
      ask: 'fleet',
    });
    expect(cancelled.code).toBe(1);
    expect(cancelled.out).toContain('Cancelled: nothing was changed.');
    expect(writes()).toBe(before);
  });

  it('follows a run to the blocked member, skips it on request, and resumes to completion', async () => {
    const first = await fleet([
      'run',
      'start',
      '-n',
      'to-131',
      ...target,
      '--confirm',
      'fleet-contoso',
    ]);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(
      /stage dev > group dev > shop-dev \(rg-dev-westeurope\/aks-shop-dev\): Completed/,
    );
    expect(first.out).toMatch(
      /pay-stg \(rg-staging-westeurope\/aks-pay-stg\): Failed - Drain node .* PDB/,
    );
    expect(first.out).toMatch(/update run to-131: Failed/);
    const skipped = await fleet([
      'run',
      'skip',
      '-n',
      'to-131',
      '--member',
      'pay-stg',
      '--confirm',
      'fleet-contoso',
    ]);
    expect(skipped.code).toBe(0);
    expect(skipped.out).toMatch(/pay-stg \(rg-staging-westeurope\/aks-pay-stg\): Skipped/);
    const again = await fleet([
      'run',
      'start',
      '-n',
      'to-131',
      ...target,
      '--confirm',
      'fleet-contoso',
    ]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/update run to-131: Completed/);
    const shown = await fleet(['run', 'show', '-n', 'to-131']);
    expect(shown.out.match(/\): Completed/g)?.length).toBe(9);
    const journal = readFileSync(
      join(home, 'state', 'aks-runbook', 'fleet', '9d8c7b6a-rg-fleet-fleet-contoso-to-131.jsonl'),
      'utf8',
    );
    const kinds = journal
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; action?: string });
    expect(kinds.filter((k) => k.kind === 'intent').map((k) => k.action)).toEqual([
      'create',
      'start',
      'skip',
      'start',
    ]);
  });

  it('re-attaches to a run left running by an interrupted session', async () => {
    // A slower simulator, so the run is still running when the second session comes.
    const slow = await startSimulator({ scenario: 'fleet', speed: 60 });
    const saved = connection;
    connection = join(home, 'slow.json');
    writeFileSync(connection, JSON.stringify(simConnectionOf(slow)));
    try {
      const args = [
        'run',
        'start',
        '-n',
        'images',
        '--upgrade-type',
        'NodeImageOnly',
        '--confirm',
        'fleet-contoso',
      ];
      const first = new AbortController();
      const interrupted = await fleet(args, {
        signal: first.signal,
        onOut: (text) => {
          if (text.includes('stage dev: Running')) first.abort();
        },
      });
      expect(interrupted.code).toBe(130);
      expect(interrupted.out).toMatch(/Stopped following; update run images goes on in Azure/);
      const second = new AbortController();
      const resumed = await fleet(args, {
        signal: second.signal,
        onOut: (text) => {
          if (/dev > shop-dev .*: (Running|Completed)/.test(text)) second.abort();
        },
      });
      expect(resumed.out).toMatch(
        /Update run images is Running \(started by an earlier session, per its journal\): re-attaching/,
      );
      expect(resumed.out).not.toMatch(/About to/);
      expect(resumed.code).toBe(130);
      // One create and one start in all: re-attaching sent no change.
      const sent = slow.log.entries.filter(
        (e) => e.effect === 'write' && e.path.includes('/updateRuns/'),
      );
      expect(sent.map((e) => e.method + ' ' + e.path.split('/').pop())).toEqual([
        'PUT images',
        'POST start',
      ]);
    } finally {
      connection = saved;
      await slow.close();
    }
  }, 60_000);

  it('re-attaches to a run whose state Azure spells in lower case (ARM enums are case-insensitive)', async () => {
    const slow = await startSimulator({ scenario: 'fleet', speed: 60 });
    const saved = connection;
    connection = join(home, 'slow-lower.json');
    writeFileSync(connection, JSON.stringify(simConnectionOf(slow)));
    try {
      const args = [
        'run',
        'start',
        '-n',
        'lower',
        '--upgrade-type',
        'NodeImageOnly',
        '--confirm',
        'fleet-contoso',
      ];
      const first = new AbortController();
      await fleet(args, {
        signal: first.signal,
        onOut: (text) => {
          if (text.includes('stage dev: Running')) first.abort();
        },
      });
      // The run-level state is set only when the run changes phase: 'running' stays till it ends.
      const run = slow.fleets[0]!.runs.get('lower')!;
      expect(run.status.state).toBe('Running');
      (run.status as { state: string }).state = 'running';
      const second = new AbortController();
      const resumed = await fleet(args, {
        signal: second.signal,
        onOut: (text) => {
          if (/re-attaching/.test(text)) second.abort();
        },
      });
      expect(resumed.out).toMatch(/Update run lower is running .*: re-attaching/);
      expect(resumed.out).not.toMatch(/About to/);
      const sent = slow.log.entries.filter(
        (e) => e.effect === 'write' && e.path.includes('/updateRuns/'),
      );
      expect(sent.map((e) => e.method + ' ' + e.path.split('/').pop())).toEqual([
        'PUT lower',
        'POST start',
      ]);
    } finally {
      connection = saved;
      await slow.close();
    }
  }, 60_000);
});
