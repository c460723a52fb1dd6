import type { CliIo } from '../cli.js';
import { matchesAll } from '../checks/fleet/where.js';
import { plural } from '../model/plural.js';
import { fleetAccess } from '../fleet/access.js';
import { readInventory } from '../fleet/inventory.js';
import { renderInventory } from '../report/render-inventory.js';
import type { FleetCommand } from './fleet-args.js';
import type { WireMode } from '../model/session.js';

import { interruptible as stopOnSignal } from './fleet-interrupt.js';

/** Test seams of `fleet`: a line typed at the prompt, and the signal that ends following. */
export interface FleetDeps {
  ask?: (question: string) => Promise<string>;
  signal?: AbortSignal;
}

/** `aks-runbook fleet …`: resolves to the exit code. */
export async function runFleet(
  command: FleetCommand,
  env: NodeJS.ProcessEnv,
  io: CliIo,
  deps: FleetDeps = {},
): Promise<number> {
  // The inventory, plan and show only read: their clients refuse any write at the wire.
  const mode = wireModeOf(command);
  const say = (line: string): void => {
    if (io.progress) io.err(`${line}\n`);
  };
  const access = await fleetAccess(command.target, env, mode, say);
  try {
    if (command.action === 'strategy') {
      const { runStrategyCommand } = await import('../fleet/strategy-command.js');
      return await runStrategyCommand(command.verb, command.strategy, access, env, {
        out: io.out,
        progress: say,
        interactive: io.interactive,
        ...(deps.ask ? { ask: deps.ask } : io.interactive ? { ask: askOnTerminal } : {}),
      });
    }
    if (command.action === 'inventory') {
      say('Asking Azure Resource Graph for every AKS cluster in scope');
      const inventory = await readInventory(access, command.subscriptions);
      const rows = inventory.rows.filter((r) => matchesAll(r, command.where));
      io.out(renderInventory(rows, command.output, inventory.notes));
      // A cluster whose support could not be told may be the one a risk or support filter asks
      // for: the answer has a hole, so it never passes (exit 2), as an audit hole does not.
      const untold = inventory.rows.filter((r) => r.support === 'unknown' && !rows.includes(r));
      const judgesSupport = command.where.some((c) => c.field === 'risk' || c.field === 'support');
      if (judgesSupport && untold.length > 0) {
        io.err(
          `${plural(untold.length, 'cluster')} not judged: support status unknown (${untold.map((r) => `${r.name} in ${r.location}`).join(', ')}); see the notes above.\n`,
        );
        return 2;
      }
      return 0;
    }
    if (command.action === 'sequence') {
      const { runSequence } = await import('../fleet/sequence-command.js');
      return await interruptible(deps, (signal) =>
        runSequence(
          {
            ...(command.subscriptions ? { subscriptions: command.subscriptions } : {}),
            where: command.where,
            tag: command.tag,
            ...(command.order ? { order: command.order } : {}),
            ...(command.clusters ? { clusters: command.clusters } : {}),
            update: {
              type: command.upgradeType,
              ...(command.kubernetesVersion
                ? { kubernetesVersion: command.kubernetesVersion }
                : {}),
            },
            confirm: command.confirm,
            mode,
            fresh: command.fresh,
          },
          access,
          env,
          {
            out: io.out,
            progress: say,
            interactive: io.interactive,
            ...(deps.ask ? { ask: deps.ask } : io.interactive ? { ask: askOnTerminal } : {}),
            signal,
          },
        ),
      );
    }
    const { runUpdateRunCommand } = await import('../fleet/run-command.js');
    return await interruptible(deps, (signal) =>
      runUpdateRunCommand(command.verb, command.run, access, env, {
        out: io.out,
        err: io.err,
        progress: say,
        interactive: io.interactive,
        ask: deps.ask ?? (io.interactive ? askOnTerminal : undefined),
        signal,
      }),
    );
  } finally {
    await access.close();
  }
}

/** Runs `work` with the test's signal, or one that Ctrl+C, SIGTERM or SIGHUP aborts. */
async function interruptible<T>(
  deps: FleetDeps,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return deps.signal ? work(deps.signal) : stopOnSignal(work);
}

/** What the wire may send: the reads-only commands refuse every write at the wire. */
function wireModeOf(command: FleetCommand): WireMode {
  if (command.action === 'strategy')
    return {
      readOnly: command.verb !== 'create' || command.strategy.readOnly,
      dryRun: command.strategy.dryRun,
    };
  if (command.action === 'run')
    return { readOnly: command.verb === 'plan' || command.verb === 'show', dryRun: false };
  if (command.action === 'sequence') return { readOnly: command.readOnly, dryRun: command.dryRun };
  return { readOnly: true, dryRun: false };
}

async function askOnTerminal(question: string): Promise<string> {
  const { askLine } = await import('./ask-line.js');
  // The question goes where the operator sees it: stderr, or stdout (a terminal, or the command
  // would not ask) when stderr goes to a file; else it would wait for an answer to nothing seen.
  const output = process.stderr.isTTY ? process.stderr : process.stdout;
  return askLine(question, { input: process.stdin, output });
}
