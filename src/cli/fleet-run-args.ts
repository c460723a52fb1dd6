import { Option, type Command } from 'commander';
import type { FleetTarget } from '../fleet/access.js';
import type { RunRequest } from '../fleet/run-request.js';
import { UserError } from '../model/errors.js';
import type { FleetCommand, TargetFlags } from './fleet-args.js';

// `fleet run plan|start|show|stop|skip`: the flags of each verb and the request they make.

/** The update-run verbs. */
export const RUN_VERBS = ['plan', 'start', 'show', 'stop', 'skip'] as const;
export type RunVerb = (typeof RUN_VERBS)[number];

/** Adds `fleet run plan|start|show|stop|skip` to `fleet`; `parsed` receives the command. */
export function addRunCommands(
  fleet: Command,
  parsed: (command: FleetCommand) => void,
  targetFlags: (c: Command) => Command,
  targetOf: (flags: TargetFlags) => FleetTarget,
): void {
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

/** The flags of `fleet run …`, as commander hands them over. */
export interface RunFlags {
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

/** The request `fleet run VERB` makes of its flags; bad input is one UserError line. */
export function runOptions(verb: RunVerb, flags: RunFlags): RunRequest {
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
