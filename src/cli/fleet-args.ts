import { Option, type Command } from 'commander';
import { CLOUD_NAMES, type CloudName } from '../azure/clouds.js';
import { UserError } from '../model/errors.js';
import { INVENTORY_FORMATS, type InventoryFormat } from '../report/formats.js';
import { parseWhere, type WhereClause } from '../checks/fleet/where.js';
import type { FleetTarget } from '../fleet/access.js';
import type { RunRequest } from '../fleet/run-request.js';
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

/** The update-run verbs. */
export const RUN_VERBS = ['plan', 'start', 'show', 'stop', 'skip'] as const;
export type RunVerb = (typeof RUN_VERBS)[number];

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
  const run = fleet
    .command('run')
    .description('Fleet Manager update runs: plan, start, show, stop, skip');
  for (const verb of RUN_VERBS) {
    const command = targetFlags(run.command(verb).description(RUN_HELP[verb]))
      .option(
        '--subscription <id>',
        "the fleet's subscription (default: $AZURE_SUBSCRIPTION_ID; the simulator's fleet)",
      )
      .option('-g, --resource-group <group>', "the fleet's resource group")
      .option('-f, --fleet <name>', 'the fleet (default: the only one there is)');
    if (verb !== 'plan') command.option('-n, --name <run>', 'the update run');
    if (verb === 'plan' || verb === 'start') {
      command
        .addOption(
          new Option('--upgrade-type <type>', 'what to upgrade')
            .choices(['Full', 'ControlPlaneOnly', 'NodeImageOnly'])
            .default('Full'),
        )
        .option('--kubernetes-version <version>', 'target version (Full and ControlPlaneOnly)')
        .addOption(
          new Option('--node-image <selection>', 'node image per cluster')
            .choices(['Latest', 'Consistent'])
            .default('Latest'),
        )
        .option(
          '--strategy <name>',
          'the update strategy (stages and groups); default: the only one, else one by one',
        );
    }
    if (verb === 'start' || verb === 'stop' || verb === 'skip')
      command.option(
        '--confirm <fleet>',
        'the fleet name, typed: the change goes ahead without asking',
      );
    if (verb === 'start' || verb === 'show')
      command.option(
        verb === 'start' ? '--no-follow' : '--follow',
        verb === 'start' ? 'start and return at once' : 'follow the run live until it ends',
      );
    if (verb === 'skip')
      command
        .option('--member <names...>', 'members to skip')
        .option('--group <names...>', 'update groups to skip')
        .option('--stage <names...>', 'stages to skip')
        .option('--wait <stages...>', 'the waits after these stages to skip');
    command.action((flags: TargetFlags & RunFlags) => {
      parsed({ action: 'run', verb, target: targetOf(flags), run: runOptions(verb, flags) });
    });
  }
}

const RUN_HELP: Record<RunVerb, string> = {
  plan: 'show, before anything starts, the order of clusters, versions and known readiness',
  start: 'create and start an update run (asks for the fleet name), then follow it',
  show: 'the status of an update run: stage, group, member; --follow to watch it (re-attaches)',
  stop: 'stop an update run (members updating now finish)',
  skip: 'skip members, groups, stages or waits of an update run',
};

interface RunFlags {
  subscription?: string;
  resourceGroup?: string;
  fleet?: string;
  name?: string;
  upgradeType?: RunRequest['upgradeType'];
  kubernetesVersion?: string;
  nodeImage?: RunRequest['nodeImage'];
  strategy?: string;
  confirm?: string;
  follow?: boolean;
  member?: string[];
  group?: string[];
  stage?: string[];
  wait?: string[];
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

function runOptions(verb: RunVerb, flags: RunFlags): RunRequest {
  const options: RunRequest = {
    upgradeType: flags.upgradeType ?? 'Full',
    nodeImage: flags.nodeImage ?? 'Latest',
    follow: verb === 'start' ? flags.follow !== false : flags.follow === true,
    skip: [
      ...(flags.member ?? []).map((name) => ({ type: 'Member' as const, name })),
      ...(flags.group ?? []).map((name) => ({ type: 'Group' as const, name })),
      ...(flags.stage ?? []).map((name) => ({ type: 'Stage' as const, name })),
      ...(flags.wait ?? []).map((name) => ({ type: 'AfterStageWait' as const, name })),
    ],
  };
  for (const key of [
    'subscription',
    'resourceGroup',
    'fleet',
    'name',
    'kubernetesVersion',
    'strategy',
    'confirm',
  ] as const) {
    const value = flags[key];
    if (value !== undefined) options[key] = value;
  }
  if (
    (verb === 'plan' || verb === 'start') &&
    options.upgradeType !== 'NodeImageOnly' &&
    !options.kubernetesVersion
  )
    throw new UserError(
      `--upgrade-type ${options.upgradeType} needs --kubernetes-version (e.g. 1.31.8)`,
    );
  if (options.upgradeType === 'NodeImageOnly' && options.kubernetesVersion)
    throw new UserError('--upgrade-type NodeImageOnly takes no --kubernetes-version');
  if (options.kubernetesVersion !== undefined && !/^\d+\.\d+\.\d+$/.test(options.kubernetesVersion))
    throw new UserError(
      `--kubernetes-version ${options.kubernetesVersion}: expected MAJOR.MINOR.PATCH, e.g. 1.31.8`,
    );
  if (verb !== 'plan' && !options.name)
    throw new UserError(`fleet run ${verb} needs -n/--name of the update run`);
  if (options.name !== undefined && !/^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$/.test(options.name))
    throw new UserError(
      `--name ${options.name}: an update run name is 1-50 lower-case letters, digits and dashes`,
    );
  if (verb === 'skip' && options.skip.length === 0)
    throw new UserError(
      'fleet run skip: name what to skip with --member, --group, --stage or --wait',
    );
  return options;
}
