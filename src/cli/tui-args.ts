// The quick path to the first frame: the plain interactive start (`aks-runbook --demo`,
// `aks-runbook --context prod`) parsed with Node's own parseArgs, so commander and the whole
// command tree (every subcommand, its help and its checks) load only when something else was
// asked. Anything this path does not take as is goes to commander, which stays the one judge of
// what is wrong: help, version, subcommands, unknown flags, missing values, a bad --cloud.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { CLOUD_NAMES, type CloudName } from '../azure/clouds.js';
import { tuiOptions, type TuiFlags, type TuiOptions } from './root-flags.js';

/**
 * The root command's flags, as commander defines them in `commandLine` (a test holds the two
 * lists equal): the long name, and the short one where there is one.
 */
export const TUI_FLAGS: ParseArgsOptionsConfig = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  subscription: { type: 'string' },
  'resource-group': { type: 'string', short: 'g' },
  name: { type: 'string', short: 'n' },
  // Every value is checked, as commander checks each occurrence against the choices.
  cloud: { type: 'string', multiple: true },
  demo: { type: 'boolean' },
  scenario: { type: 'string' },
  'sim-connection': { type: 'string' },
  waivers: { type: 'string' },
  'waiver-max-days': { type: 'string' },
  'read-only': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'probe-image': { type: 'string' },
  'all-subscriptions': { type: 'boolean' },
  'accept-context-mismatch': { type: 'boolean' },
};

/**
 * The interactive session's options when `argv` is only root flags, each well-formed; undefined
 * for anything else (commander then parses it). The flags get the same checks as through
 * commander: a wrong combination throws the same `UserError`.
 */
export function quickTuiOptions(argv: string[], env: NodeJS.ProcessEnv): TuiOptions | undefined {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    const parsed = parseArgs({ args: argv, options: TUI_FLAGS, strict: true });
    if (parsed.positionals.length > 0) return undefined;
    values = parsed.values as typeof values;
  } catch {
    return undefined;
  }
  const clouds = (values['cloud'] as string[] | undefined) ?? ['AzureCloud'];
  if (!clouds.every((cloud) => CLOUD_NAMES.includes(cloud as CloudName))) return undefined;
  const flags: TuiFlags = { cloud: clouds.at(-1) as CloudName };
  const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  for (const [name, value] of Object.entries(values)) {
    if (name !== 'cloud' && value !== undefined) Object.assign(flags, { [camel(name)]: value });
  }
  return tuiOptions(flags, env);
}
