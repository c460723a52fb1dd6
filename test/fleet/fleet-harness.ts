// Runs `aks-runbook fleet …` in this process against a simulator reached through its connection
// file, as a second program would; answers typed confirmations through the `ask` seam.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, main } from '../../src/cli.js';
import { parseInvocation } from '../../src/cli/args.js';
import { runFleet } from '../../src/cli/run-fleet.js';
import { simConnectionOf } from '../../src/sim/connection-file.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { tempDir } from '../helpers/temp-dir.js';

/** What one command printed and returned. */
export interface Ran {
  code: number;
  out: string;
  err: string;
  /** The questions it asked on the terminal. */
  asked: string[];
}

/** A harness over one simulator: a home with its own journal folder and the connection file. */
export function fleetHarness(sim: Simulator, moreEnv: NodeJS.ProcessEnv = {}) {
  const home = tempDir('fleet-home-');
  const connection = join(home, 'sim.json');
  writeFileSync(connection, JSON.stringify(simConnectionOf(sim)));
  const env = (): NodeJS.ProcessEnv => ({
    HOME: home,
    XDG_STATE_HOME: join(home, 'state'),
    AKS_RUNBOOK_NO_AZURE_SIGNIN: '1',
    AKS_RUNBOOK_FLEET_POLL_MS: '20',
    ...moreEnv,
  });
  const run = async (
    args: string[],
    opts: {
      answers?: string[];
      interactive?: boolean;
      signal?: AbortSignal;
      onOut?: (all: string) => void;
      /** Progress lines on (they go to `err`, as on a terminal). */
      progress?: boolean;
      /** Answers a typed confirmation in place of `answers` (e.g. the real prompt on streams). */
      ask?: (question: string) => Promise<string>;
    } = {},
  ): Promise<Ran> => {
    let out = '';
    let err = '';
    const asked: string[] = [];
    const answers = [...(opts.answers ?? [])];
    const io = {
      out: (t: string) => {
        out += t;
        opts.onOut?.(out);
      },
      err: (t: string) => (err += t),
      interactive: opts.interactive ?? (opts.answers !== undefined || opts.ask !== undefined),
      progress: opts.progress ?? false,
    };
    const argv = ['fleet', ...args, '--sim-connection', connection];
    let invocation;
    try {
      invocation = parseInvocation(argv, env(), '0', io.out);
    } catch {
      return { code: await main(argv, env(), io), out, err, asked };
    }
    if (invocation.kind !== 'fleet') throw new Error('not a fleet command');
    const code = await runFleet(invocation.fleet, env(), io, {
      ask: (q: string) => {
        asked.push(q);
        return opts.ask ? opts.ask(q) : Promise.resolve(answers.shift() ?? '');
      },
      ...(opts.signal ? { signal: opts.signal } : {}),
    }).catch((error: unknown) => fail(io, error));
    return { code, out, err, asked };
  };
  return { home, env, run };
}

/** Writes (not reads) every cluster of the simulator received, in order. */
export function writesOf(sim: Simulator): number {
  return sim.clusters.reduce((n, c) => n + c.log.writes().length, 0);
}
