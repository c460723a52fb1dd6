import { Argument, Command, CommanderError, Option } from 'commander';
import { UserError, firstLine } from '../model/errors.js';
import { DEFAULT_FAIL_ON } from '../report/exit-code.js';
import { AUDIT_FORMATS } from '../report/formats.js';
import { CLOUD_NAMES } from '../azure/clouds.js';
import type { TargetOptions } from '../target/options.js';
import { auditOptions, journalOptions, type AuditFlags, type JournalFlags } from './audit-args.js';
import type { AuditCommandOptions, JournalCommandOptions } from './audit-args.js';
import { clusterSource, type ManyFlags } from './many-args.js';
import type { ClusterSource } from './run-audit-many.js';
import { addFleetCommands, type FleetCommand } from './fleet-args.js';
import { refuseTargetFlagsBefore, withRootModes } from './root-modes.js';
import { simOptions, type SimCommandOptions, type SimFlags } from './sim-args.js';
import {
  targetOptions,
  tuiOptions,
  type RootFlags,
  type TuiFlags,
  type TuiOptions,
} from './root-flags.js';

export type { RootFlags } from './root-flags.js';
export type { SimCommandOptions } from './sim-args.js';

/** What the operator asked the program to do. */
export type Invocation =
  | ({ kind: 'tui' } & TuiOptions)
  | { kind: 'sim'; sim: SimCommandOptions }
  | { kind: 'audit'; target: TargetOptions; audit: AuditCommandOptions }
  | { kind: 'audit-many'; source: ClusterSource; audit: AuditCommandOptions }
  | { kind: 'journal'; journal: JournalCommandOptions }
  | { kind: 'completion'; shell: CompletionShell }
  | { kind: 'fleet'; fleet: FleetCommand }
  | { kind: 'printed' };

/** The shells `aks-runbook completion` writes a script for. */
export const COMPLETION_SHELLS = ['bash', 'zsh'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/**
 * Parses the command line. Throws `UserError` (exit 2) with one line for anything wrong;
 * `--help` and `--version` print through `write` and give `{kind: 'printed'}`.
 */
export function parseInvocation(
  argv: string[],
  env: NodeJS.ProcessEnv,
  version: string,
  write: (text: string) => void,
): Invocation {
  let result: Invocation = { kind: 'printed' };
  const program = commandLine(env, version, write, (parsed) => (result = parsed));
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        return { kind: 'printed' };
      }
      throw new UserError(
        `${firstLine(error.message.replace(/^error:\s*/i, ''))} (see aks-runbook --help)`,
      );
    }
    throw error;
  }
  return result;
}

/**
 * Every subcommand and flag, as commander parses them; `parsed` receives what an action asked for.
 * Shell completion reads the same tree, so it offers exactly the flags that parse.
 */
export function commandLine(
  env: NodeJS.ProcessEnv,
  version: string,
  write: (text: string) => void,
  parsed: (invocation: Invocation) => void,
): Command {
  const program = withWaiverFlags(
    withTargetFlags(
      new Command('aks-runbook')
        .description('Walks you through the security and upgrade checklist of an AKS cluster.')
        .version(version, '-V, --version'),
    ),
  )
    .option('--read-only', 'inspect only: no change is offered and none can be sent')
    .option(
      '--dry-run',
      'Kubernetes writes go as server-side dry runs; Azure writes are shown, not sent',
    )
    .option(
      '--probe-image <image>',
      'image of the imds step\'s probe pods (default busybox:1.37; it needs busybox "nc")',
    )
    .option(
      '--all-subscriptions',
      'pick the cluster among every subscription you can see (Azure Resource Graph)',
    )
    .enablePositionalOptions()
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: () => undefined });

  program.action((flags: TuiFlags) => {
    parsed({ kind: 'tui', ...tuiOptions(flags, env) });
  });
  program.hook('preSubcommand', (root, sub) => refuseTargetFlagsBefore(root, sub.name()));

  program
    .command('sim')
    .description(
      'run the simulated AKS cluster in the foreground, for kubectl and a second aks-runbook',
    )
    .option('--scenario <name|path>', 'built-in scenario name or folder', 'demo')
    .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option(
      '--kubeconfig-out <file>',
      'where to write the kubeconfig',
      'aks-runbook-sim.kubeconfig',
    )
    .option(
      '--connection-out <file>',
      'where to write the connection file for a second aks-runbook',
      'aks-runbook-sim.json',
    )
    .option('--request-log <file>', 'append every request received, as JSON lines')
    .option('--speed <factor>', 'simulated time runs this many times faster than real time')
    .option('--from-aks <file>', 'build the scenario from "az aks show -o json" output')
    .option('--from-objects <files...>', 'with --from-aks: "kubectl get -o yaml" output to load')
    .option('--dump-scenario <dir>', 'write the scenario as a folder of YAML and exit')
    .action((flags: SimFlags) => {
      parsed({ kind: 'sim', sim: simOptions(flags) });
    });

  withWaiverFlags(
    withTargetFlags(
      program
        .command('audit')
        .description(
          'headless report of every read-only check, for scripts and CI (no terminal needed)',
        ),
    ),
  )
    .option('--steps <ids>', 'only these steps, comma-separated (e.g. rbac,imds)')
    .addOption(
      new Option('--output <format>', 'report format').choices(AUDIT_FORMATS).default('table'),
    )
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(['low', 'medium', 'high'])
        .default(DEFAULT_FAIL_ON),
    )
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option(
      '--baseline <file>',
      'mark findings new, unchanged or fixed against an earlier JSON report ("last": this cluster\'s last audit)',
    )
    .option('--fail-on-new', 'with --baseline: only new findings count for --fail-on')
    .option(
      '--timeout <seconds>',
      'end the whole audit after this long, the steps not done named as holes (default 600, or AKS_RUNBOOK_AUDIT_TIMEOUT)',
    )
    .option('--clusters <file>', 'audit each cluster listed in this YAML/JSON file, one at a time')
    .option(
      '--all-in-subscription',
      'audit every AKS cluster of --subscription (or of the --sim-connection simulator)',
    )
    .option(
      '--all-subscriptions',
      'audit every AKS cluster you can see in every subscription (Azure Resource Graph), with a fleet summary',
    )
    .action((flags: RootFlags & AuditFlags & ManyFlags) => {
      const source = clusterSource(flags, env);
      parsed(
        source
          ? { kind: 'audit-many', source, audit: auditOptions(flags) }
          : { kind: 'audit', target: targetOptions(flags, env), audit: auditOptions(flags) },
      );
    });

  addFleetCommands(program, (fleet) =>
    parsed({ kind: 'fleet', fleet: withRootModes(fleet, program.opts<RootFlags>()) }),
  );

  const journal = program
    .command('journal')
    .description('read the journals of past sessions: list, show, export');
  journal
    .command('list')
    .description(
      'past sessions, newest first: time, cluster, mode, changes, anything left in flight',
    )
    .action(() => {
      parsed({ kind: 'journal', journal: { action: 'list' } });
    });
  journal
    .command('show <session>')
    .description('the events of one session (a file, or its number in "journal list")')
    .action((session: string) => {
      parsed({ kind: 'journal', journal: journalOptions('show', session, {}) });
    });
  journal
    .command('export <session>')
    .description('one session as a Markdown transcript or as JSON')
    .addOption(
      new Option('--format <format>', 'export format')
        .choices(['markdown', 'json'])
        .default('markdown'),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .action((session: string, flags: JournalFlags) => {
      parsed({ kind: 'journal', journal: journalOptions('export', session, flags) });
    });

  program
    .command('completion')
    .description('print the completion script for bash or zsh (see the README to load it)')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(COMPLETION_SHELLS))
    .action((shell: CompletionShell) => {
      parsed({ kind: 'completion', shell });
    });

  return program;
}

/** Adds the waivers flags (the TUI accepts risks into the same file `audit` reads). */
function withWaiverFlags(command: Command): Command {
  return command
    .option(
      '--waivers <file>',
      'accepted risks (YAML; default .aks-runbook/waivers.yaml when present)',
    )
    .option(
      '--waiver-max-days <days>',
      'latest expiry a waiver may have, in days from today (default 180)',
    );
}

/** Adds the flags that name the cluster (the TUI and `audit` take the same ones). */
function withTargetFlags(command: Command): Command {
  return command
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option(
      '--subscription <id>',
      'Azure subscription of the cluster (default: $AZURE_SUBSCRIPTION_ID)',
    )
    .option('-g, --resource-group <group>', 'resource group of the cluster')
    .option('-n, --name <cluster>', 'name of the AKS cluster')
    .addOption(
      new Option('--cloud <cloud>', 'Azure cloud').choices(CLOUD_NAMES).default('AzureCloud'),
    )
    .option('--demo', 'use the built-in simulated cluster (nothing leaves this machine)')
    .option('--scenario <name|path>', 'simulated scenario for --demo (built-in name or folder)')
    .option('--sim-connection <file>', 'reach a running "aks-runbook sim" (the file it wrote)')
    .option(
      '--accept-context-mismatch',
      'with -g/-n and --kubeconfig/--context: go on when the context is not that cluster (warned, not refused)',
    );
}
