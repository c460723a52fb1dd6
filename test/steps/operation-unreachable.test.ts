// An operation that fails on this side (the pool's nodes cannot be read: the API server is gone)
// says what could not be reached and what to do, never "AKS said: fetch failed".
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/runbook/journal.js';
import { startSimulator } from '../../src/sim/simulator.js';
import { runOperation } from '../../src/steps/rotation/run-operation.js';
import { onCleanup } from '../helpers/cleanup.js';
import { connectToSim } from '../helpers/sim-session.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('an operation whose start fails on this side', () => {
  it('says which server could not be reached, not what AKS said', async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 600 });
    const connection = await connectToSim(sim);
    const pool = sim.kube.listNodes()[0]!.metadata.labels!['agentpool']!;
    const journal = await Journal.open({
      cluster: connection.summary.name,
      mode: { readOnly: false, dryRun: false, demo: true },
      env: {},
      dir: tempDir('operation-'),
    });
    onCleanup(() => journal.close());
    await sim.close();
    let started = false;
    const done = await runOperation(
      { id: 'node-image', connection, journal },
      {
        intent: { step: 'node-image', action: 'upgrade node image', target: `agentPool/${pool}` },
        pool,
        what: `Node image upgrade of pool ${pool}`,
        target: { image: 'AKSUbuntu-2204gen2containerd-202501.01.0' },
        start: () => {
          started = true;
          throw new Error('not to be sent');
        },
        onUpdate: () => undefined,
      },
      new AbortController().signal,
    );
    expect(started).toBe(false);
    expect(done.sent).toBe(false);
    expect(done.lines).toHaveLength(1);
    // Nothing went to Azure: said as not sent, never as a failed (half-done) upgrade.
    expect(done.lines[0]).toMatch(
      /^✖ Node image upgrade of pool \S+ was not sent: cannot reach the API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
    expect(done.lines[0]).not.toMatch(/ failed:/);
    await journal.close();
    const text = await readFile(journal.path, 'utf8');
    const records = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const result = records.find((r) => r['type'] === 'result')!;
    expect(result['error']).toMatch(/^not sent: /);
    const note = records.find((r) => r['type'] === 'note')!;
    expect(note['message']).toBe(`upgrade node image agentPool/${pool}: not sent`);
    expect(note['detail']).toMatchObject({ operationStatus: 'NotSent' });
    expect(done.lines.join('\n')).not.toMatch(/fetch failed|AKS said/);
  });
});
