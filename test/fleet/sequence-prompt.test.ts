// The `fleet sequence` question before each cluster: the name it asks for is shown through
// `visible` (a hostile name's escapes and invisible characters as escapes, never raw), and on a
// terminal it is asked through the one prompt that refuses a paste, a short name pasted whole too.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { askLine } from '../../src/cli/ask-line.js';
import { loadScenario } from '../../src/sim/scenario.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const TO = ['--kubernetes-version', '1.30.12'];

/** The fleet scenario with its first cluster outside the fleet (aks-data-dev) renamed. */
async function renamed(name: string): Promise<Simulator> {
  const scenario = await loadScenario('fleet');
  const member = scenario.members!.find((m) => m.descriptor.cluster.name === 'aks-data-dev')!;
  member.descriptor.cluster.name = name;
  return startSimulator({ scenario, speed: 6000 });
}

describe('fleet sequence: the cluster name prompt', () => {
  it('shows a hostile name as escapes, in the question and in what it is about to do', async () => {
    sim = await renamed('aks\u001b[2J\u200b-dev');
    const ran = await fleetHarness(sim).run(['sequence', ...TO], { answers: ['aks-dev'] });
    expect(ran.asked[0]).toContain('Type the cluster name (aks\\x1b[2J\\u200b-dev)');
    expect(ran.out).toContain('About to upgrade aks\\x1b[2J\\u200b-dev');
    for (const raw of ['\u001b', '\u200b']) {
      expect(ran.asked[0]).not.toContain(raw);
      expect(ran.out).not.toContain(raw);
    }
    expect(ran.code).toBe(1);
    expect(writesOf(sim)).toBe(0);
  }, 60_000);

  it('on a terminal, a short name pasted whole answers nothing and nothing is sent', async () => {
    sim = await renamed('aks');
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const clock = { t: 0 };
    const ask = async (question: string): Promise<string> => {
      const answer = askLine(question, { input, output, now: () => clock.t });
      clock.t += 1_000;
      // Pasted by a terminal without bracketed paste: the name in one read, Enter in the next.
      input.write('aks');
      await new Promise((resolve) => setImmediate(resolve));
      input.write('\r');
      return answer;
    };
    const ran = await fleetHarness(sim).run(['sequence', ...TO], { ask });
    expect(ran.asked[0]).toContain('Type the cluster name (aks)');
    expect(shown).toContain('That came all at once');
    expect(ran.out).toMatch(/Stopped before aks: not confirmed, nothing was sent to it/);
    expect(ran.code).toBe(1);
    expect(writesOf(sim)).toBe(0);
  }, 60_000);
});
