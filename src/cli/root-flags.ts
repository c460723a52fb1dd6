// The root command's flags (the interactive session's) and their checks, without commander: the
// command line parser (args.ts) and the quick path to the first frame (tui-args.ts) share them.
import { UserError } from '../model/errors.js';
import type { TargetOptions } from '../target/options.js';

/** The target flags, shared by the TUI and `audit` (`--demo` may be absent: not given). */
export interface RootFlags extends Omit<TargetOptions, 'demo'> {
  demo?: boolean;
  readOnly?: boolean;
  dryRun?: boolean;
  probeImage?: string;
}

/** The root flags with the waivers flags: everything the interactive session takes. */
export type TuiFlags = RootFlags & { waivers?: string; waiverMaxDays?: string };

/** What the interactive session was asked to do. */
export interface TuiOptions {
  target: TargetOptions;
  readOnly: boolean;
  dryRun: boolean;
  probeImage?: string;
  /** `--waivers`: the file risks are read from and accepted into. */
  waivers?: string;
  waiverMaxDays?: number;
}

/** The interactive session's options from the root flags, with the same checks as `audit`'s. */
export function tuiOptions(flags: TuiFlags, env: NodeJS.ProcessEnv): TuiOptions {
  return {
    target: targetOptions(flags, env, { pick: true }),
    readOnly: flags.readOnly === true,
    dryRun: flags.dryRun === true,
    ...(flags.probeImage !== undefined ? { probeImage: probeImage(flags.probeImage) } : {}),
    ...(flags.waivers !== undefined ? { waivers: flags.waivers } : {}),
    ...(flags.waiverMaxDays !== undefined
      ? { waiverMaxDays: waiverMaxDays(flags.waiverMaxDays) }
      : {}),
  };
}

/** An image reference as a container runtime takes it: no spaces, no control characters. */
function probeImage(image: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/.test(image))
    throw new UserError(
      `--probe-image ${JSON.stringify(image)} is not an image reference (e.g. busybox:1.37)`,
    );
  return image;
}

/**
 * The target from the flags, with the same checks for the TUI and `audit`. With `pick` (the TUI),
 * `--subscription` alone names no cluster yet: the operator picks one from the subscription's list.
 */
export function targetOptions(
  flags: RootFlags,
  env: NodeJS.ProcessEnv,
  allow: { pick?: boolean } = {},
): TargetOptions {
  // kubectl would quietly fall back to the default for an empty value; a script that meant a
  // value (an unset variable) must hear it instead of reaching another cluster.
  if (flags.context === '') {
    throw new UserError('--context is empty: give a context name (kubectl config get-contexts)');
  }
  if (flags.kubeconfig === '') {
    throw new UserError('--kubeconfig is empty: give a kubeconfig file, or leave the flag out');
  }
  const demo = flags.demo === true;
  const armGiven = flags.resourceGroup !== undefined || flags.name !== undefined;
  if (flags.scenario !== undefined && !demo) {
    throw new UserError('--scenario only applies to the simulated cluster: add --demo');
  }
  if (demo && flags.simConnection) {
    throw new UserError(
      '--demo starts its own simulated cluster; --sim-connection reaches a running one: pick one',
    );
  }
  if (flags.simConnection && (flags.kubeconfig || flags.context)) {
    throw new UserError(
      '--sim-connection reaches the simulator through its ARM endpoint: drop --kubeconfig and --context',
    );
  }
  if (demo && (flags.kubeconfig || flags.context || flags.subscription || armGiven)) {
    throw new UserError(
      '--demo uses the built-in simulated cluster: drop --kubeconfig, --context, --subscription, -g and -n',
    );
  }
  const subscription = flags.subscription ?? (armGiven ? env['AZURE_SUBSCRIPTION_ID'] : undefined);
  if (armGiven && (!flags.resourceGroup || !flags.name)) {
    throw new UserError('an AKS cluster is named by both -g/--resource-group and -n/--name');
  }
  if (armGiven && !subscription) {
    throw new UserError('which subscription? Add --subscription <id> or set AZURE_SUBSCRIPTION_ID');
  }
  if (flags.allSubscriptions === true && (flags.subscription || armGiven)) {
    throw new UserError(
      '--all-subscriptions picks among every subscription you can see: drop --subscription, -g and -n',
    );
  }
  if (flags.allSubscriptions === true && (flags.kubeconfig || flags.context)) {
    throw new UserError(
      '--all-subscriptions picks an AKS cluster through Azure: drop --kubeconfig and --context',
    );
  }
  const picking =
    allow.pick === true &&
    (flags.subscription !== undefined || flags.allSubscriptions === true) &&
    !armGiven &&
    !flags.kubeconfig &&
    !flags.context;
  if (flags.subscription && !armGiven && !picking) {
    throw new UserError(
      allow.pick === true
        ? '--subscription needs -g/--resource-group and -n/--name too (or neither, to pick a cluster)'
        : '--subscription needs -g/--resource-group and -n/--name too (or --all-in-subscription)',
    );
  }
  const target: TargetOptions = { cloud: flags.cloud, demo };
  if (flags.kubeconfig !== undefined) target.kubeconfig = flags.kubeconfig;
  if (flags.context !== undefined) target.context = flags.context;
  if (subscription !== undefined && (armGiven || picking)) target.subscription = subscription;
  if (flags.resourceGroup !== undefined) target.resourceGroup = flags.resourceGroup;
  if (flags.name !== undefined) target.name = flags.name;
  if (flags.scenario !== undefined) target.scenario = flags.scenario;
  if (flags.simConnection !== undefined) target.simConnection = flags.simConnection;
  if (picking && flags.allSubscriptions === true) target.allSubscriptions = true;
  if (flags.acceptContextMismatch === true) {
    if (!armGiven || !(flags.kubeconfig || flags.context))
      throw new UserError(
        '--accept-context-mismatch only applies with -g/-n and --kubeconfig or --context (a context that is not the named cluster)',
      );
    target.acceptContextMismatch = true;
  }
  return target;
}

/** `--waiver-max-days`: a whole number of days from 1 to 3650. */
export function waiverMaxDays(text: string): number {
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < 1 || days > 3650) {
    throw new UserError(
      `--waiver-max-days must be a whole number of days from 1 to 3650, not "${text}"`,
    );
  }
  return days;
}
