import type { Command } from 'commander';
import type { FleetTarget } from '../fleet/access.js';
import type { StrategyRequest } from '../fleet/strategy-command.js';
// Not strategy-spec: it loads zod and YAML, which the first frame must not wait for.
import { isStrategyName } from '../checks/fleet/strategy-name.js';
import { UserError } from '../model/errors.js';
import type { FleetCommand, TargetFlags } from './fleet-args.js';

/** `fleet strategy list|show|create` as parsed. */
export interface StrategyCommand {
  action: 'strategy';
  verb: 'list' | 'show' | 'create';
  target: FleetTarget;
  strategy: StrategyRequest;
}

interface StrategyFlags extends TargetFlags {
  subscription?: string;
  resourceGroup?: string;
  fleet?: string;
  name?: string;
  stages?: string;
  file?: string;
  confirm?: string;
  dryRun?: boolean;
  readOnly?: boolean;
}

const HELP = {
  list: 'the update strategies of a fleet, one line each',
  show: 'one update strategy: stages, groups and the member clusters in them',
  create:
    'create or replace an update strategy from --stages "dev:groups=dev;wait=1h,prod:groups=prod" or --file (asks for the fleet name)',
} as const;

/** Adds `fleet strategy …` under `fleet`. */
export function addStrategyCommands(
  fleet: Command,
  parsed: (command: FleetCommand) => void,
  targetFlags: (c: Command) => Command,
  targetOf: (flags: TargetFlags) => FleetTarget,
): void {
  const strategy = fleet
    .command('strategy')
    .description('Fleet Manager update strategies: list, show, create');
  for (const verb of ['list', 'show', 'create'] as const) {
    const command = targetFlags(strategy.command(verb).description(HELP[verb]))
      .option('--subscription <id>', "the fleet's subscription")
      .option('-g, --resource-group <group>', "the fleet's resource group")
      .option('-f, --fleet <name>', 'the fleet (default: the only one there is)');
    if (verb !== 'list') command.option('-n, --name <strategy>', 'the update strategy');
    if (verb === 'create')
      command
        .option('--stages <spec>', 'stages: NAME:groups=G1+G2;wait=10m, comma-separated, in order')
        .option('--file <path>', 'stages from a YAML or JSON file (az fleet --stages format)')
        .option('--confirm <fleet>', 'the fleet name, typed: creates without asking')
        .option('--dry-run', 'show the request; send nothing')
        .option('--read-only', 'show the strategy; nothing can be sent');
    command.action((flags: StrategyFlags) => {
      parsed({
        action: 'strategy',
        verb,
        target: targetOf(flags),
        strategy: requestOf(verb, flags),
      });
    });
  }
}

function requestOf(verb: StrategyCommand['verb'], flags: StrategyFlags): StrategyRequest {
  if (verb !== 'list' && !flags.name)
    throw new UserError(`fleet strategy ${verb} needs -n/--name of the update strategy`);
  if (flags.name !== undefined && !isStrategyName(flags.name))
    throw new UserError(
      `--name ${flags.name}: an update strategy name is 1-50 lower-case letters, digits and dashes`,
    );
  if (verb === 'create' && (flags.stages === undefined) === (flags.file === undefined))
    throw new UserError(
      'fleet strategy create: give the stages with --stages or --file (one of them)',
    );
  const request: StrategyRequest = {
    dryRun: flags.dryRun === true,
    readOnly: flags.readOnly === true,
  };
  for (const key of [
    'subscription',
    'resourceGroup',
    'fleet',
    'name',
    'file',
    'confirm',
  ] as const) {
    const value = flags[key];
    if (value !== undefined) request[key] = value;
  }
  if (flags.stages !== undefined) request.stagesFlag = flags.stages;
  return request;
}
