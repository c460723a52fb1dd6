import {
  isStrategyName,
  parseStagesFlag,
  unknownGroups,
  type StrategyStage,
} from '../../checks/fleet/strategy-spec.js';
import { messageOf } from '../../model/errors.js';
import type { FleetInfo, FleetLook } from '../../model/fleet-look.js';
import type { FleetPort } from '../../model/fleet-port.js';
import { plural } from '../../model/plural.js';
import type { StepAction } from '../lifecycle/definition.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { duration } from './lines.js';
import type { FleetStepState } from './state.js';

// New update strategies from the fleet step: a line typed as `NAME STAGES` (stages as `--stages`
// takes them), shown stage by stage with the member clusters of each group, refused when Fleet
// Manager would refuse it, asked with the fleet's name typed, created through the port.

type Session = StepSession<FleetLook, FleetStepState>;
type Action = StepAction<FleetLook, FleetStepState>;

/** What the strategy field shows before anything is typed. */
export const STRATEGY_EXAMPLE = 'dev-first dev:wait=10m,staging,prod';

/** `c` opens the field; `u` cycles the strategy the run uses (no change: local). */
export function strategyActions(s: Session, f: FleetInfo): Action[] {
  const actions: Action[] = [
    {
      key: 'c',
      label: `Create an update strategy on fleet ${f.at.name} (name and stages typed)`,
      run: () => {
        s.set({ strategyField: { text: s.state.strategyField?.text ?? '' } });
        s.ctx.show({
          result: [
            `Type the name, a space, then the stages as --stages takes them (${STRATEGY_EXAMPLE}); Enter shows them, Esc closes.`,
          ],
        });
      },
    },
  ];
  if (f.strategies.length > 1)
    actions.push({
      key: 'u',
      label: `Update strategy of the run: ${chosenStrategy(s, f)?.name ?? 'none, one member after the other'}`,
      local: true,
      run: () => {
        const names = [undefined, ...f.strategies.map((st) => st.name)];
        const at = names.indexOf(chosenStrategy(s, f)?.name);
        s.set({ strategy: names[(at + 1) % names.length] ?? '', planned: undefined });
        s.ctx.show({ plan: undefined });
      },
    });
  return actions;
}

/** The strategy the run uses: the one chosen, else the fleet's only one. `''` chooses none. */
export function chosenStrategy(
  s: Session,
  f: FleetInfo,
): FleetInfo['strategies'][number] | undefined {
  const chosen = s.state.strategy;
  if (chosen === '') return undefined;
  const named = chosen !== undefined ? f.strategies.find((st) => st.name === chosen) : undefined;
  if (named) return named;
  return f.strategies.length === 1 ? f.strategies[0] : undefined;
}

/** The typed line as a name and stages, or why not (pure). */
export function strategyLine(text: string): { name: string; stages: StrategyStage[] } | string {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  if (space < 0)
    return `type the strategy's name, a space, then its stages (like ${STRATEGY_EXAMPLE})`;
  const name = trimmed.slice(0, space);
  if (!isStrategyName(name))
    return `strategy name ${name}: 1-50 lower-case letters, digits and dashes, starting and ending with a letter or digit`;
  try {
    return { name, stages: parseStagesFlag(trimmed.slice(space + 1)) };
  } catch (error) {
    return messageOf(error);
  }
}

/** Stage by stage, each group with the member clusters it holds; then who is left alone (pure). */
export function strategyLines(stages: readonly StrategyStage[], f: FleetInfo): string[] {
  const lines: string[] = [];
  stages.forEach((st, i) => {
    lines.push(`${i + 1}. stage ${st.name}: ${plural(st.groups.length, 'group')} in parallel`);
    for (const g of st.groups) {
      const held = f.members.filter((m) => m.group === g);
      lines.push(
        `   group ${g}: ${held.length === 0 ? 'no members' : held.map((m) => `${m.name} (${m.cluster.split('/').pop() ?? m.cluster})`).join(', ')}`,
      );
    }
    if (st.afterStageWaitInSeconds)
      lines.push(`   then wait ${duration(st.afterStageWaitInSeconds)}`);
  });
  const placed = new Set(stages.flatMap((st) => st.groups));
  const left = f.members.filter((m) => !placed.has(m.group ?? ''));
  if (left.length > 0)
    lines.push(
      `Not in any stage (a run with it leaves them alone): ${left.map((m) => m.name).join(', ')}`,
    );
  return lines;
}

/** What Fleet Manager would refuse of this strategy on this fleet (pure). */
export function strategyRefusals(
  name: string,
  stages: readonly StrategyStage[],
  f: FleetInfo,
): string[] {
  const groups = new Set(f.members.map((m) => m.group).filter((g): g is string => g !== undefined));
  const refusals = unknownGroups(stages, groups).map(
    (g) =>
      `group ${g} is no member's update group in fleet ${f.at.name} (its groups: ${[...groups].sort().join(', ') || 'none'})`,
  );
  if (f.strategies.some((st) => st.name.toLowerCase() === name.toLowerCase()))
    refusals.push(`fleet ${f.at.name} has an update strategy ${name} already: choose another name`);
  return refusals;
}

/** The operator typed the line: refused in the field, or shown and asked, then created. */
export async function submitStrategy(s: Session, port: FleetPort, text: string): Promise<void> {
  const f = s.facts?.fleets[s.state.fleet];
  if (!f || s.mode.readOnly) return s.set({ strategyField: undefined });
  const parsed = strategyLine(text);
  if (typeof parsed === 'string') return s.set({ strategyField: { text, error: parsed } });
  const { name, stages } = parsed;
  const shown = [`Update strategy ${name} for fleet ${f.at.name}:`, ...strategyLines(stages, f)];
  const refusals = strategyRefusals(name, stages, f);
  if (refusals.length > 0) {
    s.ctx.show({ plan: shown, progress: undefined, result: refusals.map((r) => `✖ ${r}`) });
    return s.set({ strategyField: { text, error: refusals[0]! } });
  }
  s.set({ strategyField: undefined });
  const change = `create update strategy ${name}: ${stages.map((st) => `${st.name} [${st.groups.join(', ')}]`).join(' → ')}`;
  const confirm = {
    cluster: `fleet ${f.at.name}`,
    change,
    details: [`Fleet ${f.at.name} in ${f.at.resourceGroup}, subscription ${f.at.subscriptionId}`],
    typed: f.at.name,
  };
  await s.change({
    wire: 'arm',
    what: change,
    plan: shown,
    dryRun: [`Dry run: ${change} was shown, not sent. Nothing was changed.`],
    dryRunDetail: { fleet: f.at.id, strategy: name, stages },
    confirm,
    run: () =>
      s.ctx.journal.mutation(
        {
          step: 'fleet',
          action: 'create update strategy',
          target: `fleet/${f.at.name}/${name}`,
          detail: { stages },
        },
        () => port.createStrategy(s.ctx.connection, s.ctx.mode, f.at, name, stages),
      ),
    // The fresh look re-reads the strategies: the new one is listed and chosen for the run.
    verify: true,
    done: (_none, facts) => {
      const listed = facts?.fleets[s.state.fleet]?.strategies.some((st) => st.name === name);
      s.set({ strategy: name, planned: undefined });
      return {
        result: [
          `✔ Done: update strategy ${name} created on fleet ${f.at.name}.`,
          // Not looked at (the look after it failed): the lifecycle says so, and how to look again.
          ...(!facts
            ? []
            : listed
              ? [
                  `The run uses it now (p plans with it${f.strategies.length > 0 ? '; u chooses another' : ''}).`,
                ]
              : [`▲ It is not listed yet: r looks again.`]),
        ],
        changed: `update strategy ${name}`,
      };
    },
  });
}
