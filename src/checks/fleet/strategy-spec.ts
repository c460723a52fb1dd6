import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError } from '../../model/errors.js';
import { STRATEGY_NAME as NAME } from './strategy-name.js';

export { isStrategyName } from './strategy-name.js';

/** One stage of an update strategy: its groups run in parallel, then the wait. */
export interface StrategyStage {
  name: string;
  groups: string[];
  afterStageWaitInSeconds?: number;
}

// Fleet Manager's rule for strategy, stage and group names (1-50 characters).
const name = z
  .string()
  .max(50, 'at most 50 characters')
  .regex(NAME, 'lower-case letters, digits and dashes, starting and ending with a letter or digit');
// afterStageWaitInSeconds is an int32 on the wire: a longer wait would be refused by ARM.
const MAX_WAIT_SECONDS = 2_147_483_647;
const wait = z
  .union([
    z.number().int().min(0),
    z.string().regex(/^\d+[smh]?$/, 'a wait like 300, 90s, 10m or 1h'),
  ])
  .refine((v) => seconds(v) <= MAX_WAIT_SECONDS, 'a wait of at most 2147483647 seconds');

/** The file shape: `az fleet updatestrategy --stages` JSON, or the same in YAML (groups as names or {name}). */
const fileSchema = z.strictObject({
  stages: z
    .array(
      z.strictObject({
        name,
        groups: z.array(z.union([name, z.strictObject({ name })])).min(1, 'at least one group'),
        afterStageWaitInSeconds: wait.optional(),
      }),
    )
    .min(1, 'at least one stage'),
});

/** Seconds of `300`, `90s`, `10m`, `1h`. */
function seconds(value: number | string): number {
  if (typeof value === 'number') return value;
  const n = Number(value.replace(/[smh]$/, ''));
  return value.endsWith('h') ? n * 3600 : value.endsWith('m') ? n * 60 : n;
}

/**
 * The compact `--stages` flag: stages separated by `,`, each `NAME:groups=G1+G2;wait=10m`
 * (wait optional; a stage with no groups part takes the group of its own name). Pure.
 */
export function parseStagesFlag(text: string): StrategyStage[] {
  const stages = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((part) => {
      const [stageName = '', rest = ''] = part.split(':', 2);
      const fields = new Map<string, string>();
      for (const kv of rest.split(';').filter((x) => x.trim() !== '')) {
        const [k = '', v = ''] = kv.split('=', 2).map((x) => x.trim());
        if (k !== 'groups' && k !== 'wait')
          throw new UserError(
            `--stages "${part}": unknown key "${k}" (use groups=G1+G2 and wait=10m)`,
          );
        fields.set(k, v);
      }
      const groups = (fields.get('groups') ?? stageName)
        .split('+')
        .map((g) => g.trim())
        .filter((g) => g !== '');
      const w = fields.get('wait');
      return {
        name: stageName.trim(),
        groups,
        ...(w !== undefined ? { afterStageWaitInSeconds: w } : {}),
      };
    });
  return checked({ stages }, '--stages');
}

/** An update strategy file (YAML or JSON): `stages: [{name, groups, afterStageWaitInSeconds}]`. */
export function parseStrategyFile(file: string, text: string): StrategyStage[] {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new UserError(
      `${file}: not YAML or JSON (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`,
    );
  }
  // `az fleet updatestrategy show` output carries the stages under strategy: accept it as is.
  const inner = (value as { strategy?: unknown } | null)?.strategy;
  return checked(inner !== undefined ? inner : value, file);
}

function checked(value: unknown, where: string): StrategyStage[] {
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.map(String).join('.') || '(top)';
    throw new UserError(
      `${where}: ${at}: ${issue?.message ?? 'invalid'} (expected stages of name, groups and a wait)`,
    );
  }
  const stages = parsed.data.stages.map((s) => ({
    name: s.name,
    groups: s.groups.map((g) => (typeof g === 'string' ? g : g.name)),
    ...(s.afterStageWaitInSeconds !== undefined && seconds(s.afterStageWaitInSeconds) > 0
      ? { afterStageWaitInSeconds: seconds(s.afterStageWaitInSeconds) }
      : {}),
  }));
  const problem = stageProblem(stages);
  if (problem) throw new UserError(`${where}: ${problem}`);
  return stages;
}

/** What Fleet Manager would refuse in these stages regardless of the fleet (pure), if anything. */
export function stageProblem(stages: readonly StrategyStage[]): string | undefined {
  if (stages.length === 0) return 'a strategy needs at least one stage';
  const stageNames = new Set<string>();
  const groups = new Set<string>();
  for (const s of stages) {
    if (!NAME.test(s.name) || s.name.length > 50)
      return `stage name "${s.name}" must be lower-case letters, digits and dashes`;
    if (stageNames.has(s.name)) return `stage ${s.name} is named twice`;
    stageNames.add(s.name);
    if (s.groups.length === 0) return `stage ${s.name} has no group`;
    for (const g of s.groups) {
      if (!NAME.test(g) || g.length > 50)
        return `group name "${g}" must be lower-case letters, digits and dashes`;
      if (groups.has(g)) return `group ${g} is in more than one place; a group runs once`;
      groups.add(g);
    }
  }
  return undefined;
}

/** The groups these stages name that no fleet member is in (Fleet Manager refuses them). */
export function unknownGroups(
  stages: readonly StrategyStage[],
  memberGroups: ReadonlySet<string>,
): string[] {
  return stages.flatMap((s) => s.groups).filter((g) => !memberGroups.has(g));
}
