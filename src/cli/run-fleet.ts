import type { CliIo } from '../cli.js';
import { matchesAll } from '../checks/fleet/where.js';
import { fleetAccess } from '../fleet/access.js';
import { readInventory } from '../fleet/inventory.js';
import { renderInventory } from '../report/render-inventory.js';
import type { FleetCommand } from './fleet-args.js';

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
  const readOnly = command.action !== 'run' || command.verb === 'plan' || command.verb === 'show';
  const say = (line: string): void => {
    if (io.progress) io.err(`${line}\n`);
  };
  const access = await fleetAccess(command.target, env, { readOnly, dryRun: false }, say);
  try {
    if (command.action === 'inventory') {
      say('Asking Azure Resource Graph for every AKS cluster in scope');
      const inventory = await readInventory(access, command.subscriptions);
      const rows = inventory.rows.filter((r) => matchesAll(r, command.where));
      io.out(renderInventory(rows, command.output, inventory.notes));
      return 0;
    }
    if (command.action === 'sequence') {
      const { runSequence } = await import('../fleet/sequence-command.js');
      return await runSequence(
        {
          ...(command.subscriptions ? { subscriptions: command.subscriptions } : {}),
          where: command.where,
          tag: command.tag,
          ...(command.order ? { order: command.order } : {}),
          update: {
            type: command.upgradeType,
            ...(command.kubernetesVersion ? { kubernetesVersion: command.kubernetesVersion } : {}),
          },
        },
        access,
        env,
        { out: io.out, progress: say },
      );
    }
    const { runUpdateRunCommand } = await import('../fleet/run-command.js');
    const interrupt = deps.signal ? undefined : new AbortController();
    const onSignal = (): void => interrupt?.abort();
    if (interrupt) process.once('SIGINT', onSignal);
    try {
      const signal = deps.signal ?? interrupt?.signal;
      return await runUpdateRunCommand(command.verb, command.run, access, env, {
        out: io.out,
        err: io.err,
        progress: say,
        interactive: io.interactive,
        ask: deps.ask ?? (io.interactive ? askOnTerminal : undefined),
        ...(signal ? { signal } : {}),
      });
    } finally {
      process.off('SIGINT', onSignal);
    }
  } finally {
    await access.close();
  }
}

async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
