import { readFile } from 'node:fs/promises';
import type { FleetMember } from '@azure/arm-containerservicefleet';
import { createFleetClient } from '../azure/fleet-client.js';
import { UserError } from '../model/errors.js';
import { plural } from '../model/plural.js';
import { visible } from '../model/visible-text.js';
import type { FleetAccess } from './access.js';
import { fleetError } from './errors.js';
import { locateFleet, type FleetAt } from './locate.js';
import { FleetRunJournal } from './run-journal.js';
import {
  createUpdateStrategy,
  listUpdateStrategies,
  stagesOf,
  strategyBody,
  type StrategyStage,
} from './strategies.js';
import {
  parseStagesFlag,
  parseStrategyFile,
  unknownGroups,
} from '../checks/fleet/strategy-spec.js';
import { typedConfirmation, type ConfirmIo } from './typed-confirm.js';

/** What `fleet strategy …` was asked (see src/cli/fleet-args.ts). */
export interface StrategyRequest {
  subscription?: string;
  resourceGroup?: string;
  fleet?: string;
  name?: string;
  /** Parsed stages (a caller that has them). */
  stages?: StrategyStage[];
  /** The compact --stages text, parsed here (the argument parser loads no schema library). */
  stagesFlag?: string;
  /** A YAML or JSON file of stages (read here). */
  file?: string;
  confirm?: string;
  dryRun: boolean;
  readOnly: boolean;
}

/**
 * `fleet strategy list|show|create`. Create shows each stage with the member clusters its groups
 * hold, refuses groups no member is in, asks for the fleet name typed, then creates through
 * Fleet Manager, journaled. `--read-only` and `--dry-run` show it and send nothing. Exit 0 done
 * (or shown), 1 cancelled, 2 could not (bad input, Azure refused).
 */
export async function runStrategyCommand(
  verb: 'list' | 'show' | 'create',
  request: StrategyRequest,
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: ConfirmIo & { progress: (line: string) => void },
): Promise<number> {
  const stages =
    request.stages ??
    (request.stagesFlag !== undefined ? parseStagesFlag(request.stagesFlag) : undefined) ??
    (request.file !== undefined
      ? parseStrategyFile(
          request.file,
          await readFile(request.file, 'utf8').catch(() => {
            throw new UserError(`--file ${request.file}: cannot read it; check the path`);
          }),
        )
      : undefined);
  const fleet = await locateFleet(access, request, env);
  const client = createFleetClient({ ...access.connection, subscriptionId: fleet.subscriptionId });
  io.progress(`Reading fleet ${fleet.name}: members and update strategies`);
  const strategies = await listUpdateStrategies(client, fleet);
  const members = await membersOf(client, fleet);
  if (verb === 'list') {
    io.out(
      `${plural(strategies.length, 'update strategy', 'update strategies')} in fleet ${visible(fleet.name)}:\n`,
    );
    for (const s of strategies) io.out(`  ${visible(s.name ?? '?')}: ${oneLine(stagesOf(s))}\n`);
    return 0;
  }
  const name = request.name!;
  const existing = strategies.find((s) => s.name?.toLowerCase() === name.toLowerCase());
  if (verb === 'show') {
    if (!existing)
      throw new UserError(
        `fleet ${fleet.name} has no update strategy ${name} (it has: ${strategies.map((s) => s.name).join(', ') || 'none'})`,
      );
    io.out(describe(`Update strategy ${name} of fleet ${fleet.name}`, stagesOf(existing), members));
    return 0;
  }
  const wanted = stages!;
  const groups = new Set(members.map((m) => m.properties?.group).filter((g) => g !== undefined));
  const unknown = unknownGroups(wanted, groups);
  if (unknown.length > 0)
    throw new UserError(
      `group ${unknown.join(', ')} is no member's update group in fleet ${fleet.name} (its groups: ${[...groups].sort().join(', ') || 'none'}); fix the stages or assign members first (az fleet member update --update-group)`,
    );
  const change = existing
    ? `replace update strategy ${name} (now: ${oneLine(stagesOf(existing))})`
    : `create update strategy ${name}`;
  io.out(describe(`Update strategy ${name} for fleet ${fleet.name} (${change})`, wanted, members));
  if (request.readOnly) {
    io.out('Read-only: the strategy is shown, not created; nothing was sent.\n');
    return 0;
  }
  if (request.dryRun) {
    io.out(
      `PUT …/fleets/${visible(fleet.name)}/updateStrategies/${visible(name)}\n${JSON.stringify(strategyBody(wanted), null, 2)}\nDry run: this PUT was not sent; nothing changed.\n`,
    );
    return 0;
  }
  if (!(await typedConfirmation('fleet', fleet.name, change, request.confirm, io))) return 1;
  const journal = await FleetRunJournal.open(env, fleet, `strategy-${name}`, access.secret);
  try {
    const made = await createUpdateStrategy(client, fleet, name, wanted, {
      journal,
      updateIntervalInMs: pollMs(env),
      ...(existing?.eTag ? { ifMatch: existing.eTag } : { onlyIfNew: true }),
    });
    io.out(
      `✔ Update strategy ${visible(made.name ?? name)} ${existing ? 'replaced' : 'created'}: ${oneLine(stagesOf(made))}\n`,
    );
    io.out(`Use it: aks-runbook fleet run plan --strategy ${name} (same fleet flags)\n`);
    return 0;
  } finally {
    await journal.close();
  }
}

async function membersOf(
  client: ReturnType<typeof createFleetClient>,
  fleet: FleetAt,
): Promise<FleetMember[]> {
  const out: FleetMember[] = [];
  try {
    for await (const m of client.fleetMembers.listByFleet(fleet.resourceGroup, fleet.name))
      out.push(m);
  } catch (error) {
    throw fleetError(error, `list the members of fleet ${fleet.name}`);
  }
  return out;
}

/** `dev [dev] → wait 5m → prod [prod-eu, prod-us]` */
function oneLine(stages: readonly StrategyStage[]): string {
  return visible(
    stages
      .map(
        (s) =>
          `${s.name} [${s.groups.join(', ')}]${s.afterStageWaitInSeconds ? ` → wait ${waitText(s.afterStageWaitInSeconds)}` : ''}`,
      )
      .join(' → '),
  );
}

/** Stage by stage, each group with the member clusters it holds (runs in parallel within a stage). */
function describe(title: string, stages: readonly StrategyStage[], members: FleetMember[]): string {
  const lines = [title];
  stages.forEach((s, i) => {
    lines.push(`  ${i + 1}. stage ${s.name}: ${plural(s.groups.length, 'group')} in parallel`);
    for (const g of s.groups) {
      const in_ = members.filter((m) => m.properties?.group === g);
      lines.push(
        `     group ${g}: ${in_.length === 0 ? 'no members' : in_.map((m) => `${m.name ?? '?'} (${clusterName(m)})`).join(', ')}`,
      );
    }
    if (s.afterStageWaitInSeconds)
      lines.push(`     then wait ${waitText(s.afterStageWaitInSeconds)}`);
  });
  const placed = new Set(stages.flatMap((s) => s.groups));
  const left = members.filter((m) => !placed.has(m.properties?.group ?? ''));
  if (left.length > 0)
    lines.push(
      `  not in any stage (a run with this strategy leaves them alone): ${left.map((m) => m.name).join(', ')}`,
    );
  return `${lines.map(visible).join('\n')}\n`;
}

function clusterName(m: FleetMember): string {
  return m.properties?.clusterResourceId.split('/').at(-1) ?? '?';
}

function waitText(seconds: number): string {
  return seconds % 3600 === 0
    ? `${seconds / 3600}h`
    : seconds % 60 === 0
      ? `${seconds / 60}m`
      : `${seconds}s`;
}

/** How often the SDK poller asks (AKS_RUNBOOK_FLEET_POLL_MS; tests shorten it). */
function pollMs(env: NodeJS.ProcessEnv): number {
  const ms = Number(env['AKS_RUNBOOK_FLEET_POLL_MS']);
  return Number.isFinite(ms) && ms > 0 ? ms : 2000;
}
