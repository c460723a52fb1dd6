import type { Command } from 'commander';
import { UserError } from '../model/errors.js';
import type { FleetCommand } from './fleet-args.js';
import type { RootFlags } from './root-flags.js';

/** The root flags a command takes before its name: the modes (see `withRootModes`). */
const MODES_BEFORE_A_COMMAND = new Set(['readOnly', 'dryRun']);

/**
 * A root flag before a command other than the modes (`aks-runbook --demo fleet …`) is the
 * checklist's and would be dropped: the command would reach the kubeconfig's cluster or Azure
 * instead of the simulator, subscription or cloud it names. One line says where it goes.
 */
export function refuseTargetFlagsBefore(root: Command, command: string): void {
  const given = root.options.filter(
    (o) =>
      !MODES_BEFORE_A_COMMAND.has(o.attributeName()) &&
      root.getOptionValueSource(o.attributeName()) === 'cli',
  );
  if (given.length === 0) return;
  const flags = given.map((o) => o.long ?? o.flags).join(', ');
  throw new UserError(
    `${flags} before "${command}" would be ignored: give the command's own flags after it (aks-runbook ${command} --help lists them); nothing was done`,
  );
}

/**
 * `--read-only`/`--dry-run` given before `fleet` hold for the fleet command too: a command that
 * has its own such flag takes them, one that can only write refuses in one line (never sends).
 */
export function withRootModes(fleet: FleetCommand, root: RootFlags): FleetCommand {
  const readOnly = root.readOnly === true;
  const dryRun = root.dryRun === true;
  if (!readOnly && !dryRun) return fleet;
  if (fleet.action === 'sequence')
    return { ...fleet, readOnly: fleet.readOnly || readOnly, dryRun: fleet.dryRun || dryRun };
  if (fleet.action === 'strategy')
    return {
      ...fleet,
      strategy: {
        ...fleet.strategy,
        readOnly: fleet.strategy.readOnly || readOnly,
        dryRun: fleet.strategy.dryRun || dryRun,
      },
    };
  if (fleet.action === 'run' && !['plan', 'show'].includes(fleet.verb))
    throw new UserError(
      `fleet run ${fleet.verb} only changes things, so ${readOnly ? '--read-only' : '--dry-run'} cannot hold for it: use "fleet run plan" to see a run without sending anything`,
    );
  return fleet;
}
