import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/runbook/journal.js';
import type { InFlightChange } from '../../src/model/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import { defineStep } from '../../src/steps/lifecycle/define.js';
import type { StepSession } from '../../src/steps/lifecycle/step-session.js';
import type { Connection } from '../../src/model/connection.js';
import { onCleanup } from '../helpers/cleanup.js';
import { tempDir } from '../helpers/temp-dir.js';

const mode = { readOnly: false, dryRun: false, demo: true };
const inFlight: InFlightChange[] = [
  { step: 'drain', action: 'cordon', target: 'node/n1', time: '2025-03-01T10:00:04.000Z' },
];

async function setup(
  resume?: (s: StepSession<unknown, undefined>, intents: InFlightChange[]) => Promise<void>,
) {
  const store = new SessionStore(mode);
  const journal = await Journal.open({
    cluster: 'aks-one',
    mode,
    env: {},
    dir: tempDir('host-'),
  });
  onCleanup(() => journal.close());
  const step = defineStep<unknown, undefined>({
    id: 'containers',
    inspect: () =>
      Promise.resolve({
        facts: {},
        findings: [
          { id: 'drain.test-cordoned', severity: 'medium' as const, message: 'n1 is cordoned' },
        ],
      }),
    initial: undefined,
    ...(resume ? { resume } : {}),
  });
  const connection = { summary: { name: 'aks-one' } } as Connection;
  const host = new StepHost({ store, connection, journal, steps: { containers: step } });
  return { store, journal, host };
}

describe('step host: findings in the journal, and resuming', () => {
  it('journals what an inspection found, for the transcript', async () => {
    const { host, journal } = await setup();
    await host.open('containers');
    await journal.close();
    const lines = readFileSync(journal.path, 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      type: 'note',
      step: 'containers',
      message: 'findings',
      detail: { count: 1, findings: [{ id: 'drain.test-cordoned' }] },
    });
  });

  it('resume re-inspects first, then hands the in-flight changes to the step’s hook', async () => {
    const seen: Array<{ status: string; intents: InFlightChange[] }> = [];
    const { host, store } = await setup((s, intents) => {
      seen.push({ status: store.getState().steps.containers.kind, intents });
      s.ctx.show({ result: ['n1 is still cordoned: u uncordons it'] });
      return Promise.resolve();
    });
    await host.resume('containers', inFlight);
    expect(seen).toEqual([{ status: 'findings', intents: inFlight }]);
    expect(store.getState().stepViews.containers?.result).toEqual([
      'n1 is still cordoned: u uncordons it',
    ]);
  });

  it('a step without a hook still re-inspects and says the change was left unfinished', async () => {
    const { host, store } = await setup();
    await host.resume('containers', inFlight);
    expect(store.getState().steps.containers).toEqual({ kind: 'findings', count: 1 });
    expect(store.getState().stepViews.containers?.result?.[0]).toMatch(
      /left a change here unfinished/,
    );
  });
});
