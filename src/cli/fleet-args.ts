import { Option, type Command } from 'commander';
import { CLOUD_NAMES, type CloudName } from '../azure/clouds.js';
import { UserError } from '../model/errors.js';
import { INVENTORY_FORMATS, type InventoryFormat } from '../report/formats.js';
import { parseWhere, type WhereClause } from '../checks/fleet/where.js';
import type { FleetTarget } from '../fleet/access.js';
import type { RunRequest } from '../fleet/run-request.js';
import { addRunCommands, runOptions, type RunVerb } from './fleet-run-args.js';
import { addStrategyCommands, type StrategyCommand } from './fleet-strategy-args.js';

/** `aks-runbook fleet …` as parsed. */
export type FleetCommand =
  | {
      action: 'inventory';
      target: FleetTarget;
      subscriptions?: string[];
      output: InventoryFormat;
      where: WhereClause[];
    }
  | { action: 'run'; verb: RunVerb; target: FleetTarget; run: RunRequest }
  | StrategyCommand
  | {
      action: 'sequence';
      target: FleetTarget;
      subscriptions?: string[];
      where: WhereClause[];
      tag: string;
      order?: string[];
      clusters?: string[];
      upgradeType: RunRequest['upgradeType'];
      kubernetesVersion?: string;
      confirm: string[];
      readOnly: boolean;
      dryRun: boolean;
      fresh: boolean;
    };

/** The flags of targetFlags, as commander hands them over. */
export interface TargetFlags {
  cloud: CloudName;
  demo?: boolean;
  scenario?: string;
  simConnection?: string;
}

/** Adds `fleet inventory` and `fleet run …` to the program; `parsed` receives the command. */
export function addFleetCommands(program: Command, parsed: (command: FleetCommand) => void): void {
  const fleet = program
    .command('fleet')
    .description(
      'many clusters: inventory through Azure Resource Graph, upgrades through Fleet Manager update runs',
    );
  targetFlags(
    fleet
      .command('inventory')
      .description('every AKS cluster you can see, from Azure Resource Graph, riskiest first'),
  )
    .option('--subscriptions <ids>', 'only these subscriptions, comma-separated')
    .option('--all-subscriptions', 'every subscription you can see (the default on the simulator)')
    .addOption(
      new Option('--output <format>', 'output format').choices(INVENTORY_FORMATS).default('table'),
    )
    .option(
      '--where <condition...>',
      'keep clusters matching every condition, e.g. version<1.31 risk=public-api tag.env=prod',
    )
    .action(
      (
        flags: TargetFlags & {
          subscriptions?: string;
          allSubscriptions?: boolean;
          output: InventoryFormat;
          where?: string[];
        },
      ) => {
        const target = targetOf(flags);
        const subscriptions = subscriptionsOf(flags, target);
        parsed({
          action: 'inventory',
          target,
          ...(subscriptions ? { subscriptions } : {}),
          output: flags.output,
          where: (flags.where ?? []).map(parseWhere),
        });
      },
    );
  targetFlags(
    fleet
      .command('sequence')
      .description(
        'clusters in no fleet: upgrade one at a time (by env tag or --clusters), each verified and confirmed before the next; resumable',
      ),
  )
    .option('--subscriptions <ids>', 'only these subscriptions, comma-separated')
    .option('--all-subscriptions', 'every subscription you can see (the default on the simulator)')
    .option('--where <condition...>', 'only clusters matching every condition (as for inventory)')
    .option('--tag <name>', 'the tag that orders the clusters', 'env')
    .option(
      '--order <values>',
      'tag values in order, comma-separated (default dev,test,qa,staging,prod)',
    )
    .addOption(
      new Option('--upgrade-type <type>', 'what to upgrade')
        .choices(['Full', 'ControlPlaneOnly', 'NodeImageOnly'])
        .default('Full'),
    )
    .option('--kubernetes-version <version>', 'target version (Full and ControlPlaneOnly)')
    .option(
      '--clusters <names>',
      'your own order instead of the tag: cluster names (or GROUP/NAME), comma-separated',
    )
    .option(
      '--confirm <cluster>',
      'upgrade this cluster (NAME, GROUP/NAME, or its full resource id when those are not unique) without asking; once per cluster, or comma-separated',
      (value: string, all: string[]) => [
        ...all,
        ...value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      ],
      [] as string[],
    )
    .option('--dry-run', "show each cluster's requests; send nothing")
    .option('--read-only', 'show the order and the operations; nothing can be sent')
    .option('--new', 'start over: ignore an unfinished sequence of the same change in the journal')
    .action(
      (
        flags: TargetFlags & {
          subscriptions?: string;
          allSubscriptions?: boolean;
          where?: string[];
          tag: string;
          order?: string;
          clusters?: string;
          upgradeType: RunRequest['upgradeType'];
          kubernetesVersion?: string;
          confirm: string[];
          dryRun?: boolean;
          readOnly?: boolean;
          new?: boolean;
        },
      ) => {
        const target = targetOf(flags);
        const subscriptions = subscriptionsOf(flags, target);
        const checked = runOptions('plan', {
          upgradeType: flags.upgradeType,
          ...(flags.kubernetesVersion ? { kubernetesVersion: flags.kubernetesVersion } : {}),
        });
        parsed({
          action: 'sequence',
          target,
          ...(subscriptions ? { subscriptions } : {}),
          where: (flags.where ?? []).map(parseWhere),
          tag: flags.tag,
          ...(flags.order ? { order: flags.order.split(',').map((o) => o.trim()) } : {}),
          ...(flags.clusters ? { clusters: listOf('--clusters', flags.clusters) } : {}),
          upgradeType: checked.upgradeType,
          ...(checked.kubernetesVersion ? { kubernetesVersion: checked.kubernetesVersion } : {}),
          confirm: flags.confirm,
          readOnly: flags.readOnly === true,
          dryRun: flags.dryRun === true,
          fresh: flags.new === true,
        });
      },
    );
  addStrategyCommands(fleet, parsed, targetFlags, targetOf);
  addRunCommands(fleet, parsed, targetFlags, targetOf);
}

/** The flags saying where ARM is: --cloud, --demo, --scenario, --sim-connection. */
export function targetFlags(command: Command): Command {
  return command
    .addOption(
      new Option('--cloud <cloud>', 'Azure cloud').choices(CLOUD_NAMES).default('AzureCloud'),
    )
    .option('--demo', 'use the built-in simulator (the "fleet" scenario unless --scenario)')
    .option('--scenario <name|path>', 'simulated scenario for --demo')
    .option('--sim-connection <file>', 'reach a running "aks-runbook sim" (the file it wrote)');
}

/** The target those flags name. */
export function targetOf(flags: TargetFlags): FleetTarget {
  if (flags.scenario !== undefined && flags.demo !== true)
    throw new UserError('--scenario only applies to the simulated clusters: add --demo');
  if (flags.demo === true && flags.simConnection !== undefined)
    throw new UserError(
      '--demo starts its own simulator; --sim-connection reaches a running one: pick one',
    );
  const demo = flags.demo === true;
  return {
    cloud: flags.cloud,
    demo,
    ...(demo ? { scenario: flags.scenario ?? 'fleet' } : {}),
    ...(flags.simConnection !== undefined ? { simConnection: flags.simConnection } : {}),
  };
}

function subscriptionsOf(
  flags: { subscriptions?: string; allSubscriptions?: boolean },
  target: FleetTarget,
): string[] | undefined {
  if (flags.subscriptions !== undefined && flags.allSubscriptions === true)
    throw new UserError('--subscriptions and --all-subscriptions both choose the scope: pick one');
  if (flags.subscriptions !== undefined) {
    const ids = flags.subscriptions
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (ids.length === 0) throw new UserError('--subscriptions: name at least one subscription id');
    return ids;
  }
  if (flags.allSubscriptions === true || target.demo || target.simConnection !== undefined)
    return undefined;
  throw new UserError('which subscriptions? Add --subscriptions <id,id> or --all-subscriptions');
}

function listOf(flag: string, value: string): string[] {
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (items.length === 0) throw new UserError(`${flag}: name at least one`);
  return items;
}
