import type { Invocation } from './cli/args.js';
import { quickTuiOptions } from './cli/tui-args.js';
import { UserError, messageOf } from './model/errors.js';
import { printable, visible } from './model/visible-text.js';

/** Where the CLI writes; injectable so tests can read what a user would see. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  interactive: boolean;
  /** stderr is a terminal: the headless audit shows progress there, and only then. */
  progress?: boolean;
}

// The last line of defence: whatever a command prints, a character a terminal would act on is
// shown instead (each output also escapes the data it prints, so a table keeps its rows).
const processIo: CliIo = {
  out: (text) => process.stdout.write(printable(text)),
  err: (text) => process.stderr.write(printable(text)),
  interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
  progress: process.stderr.isTTY === true,
};

/** Runs aks-runbook with `argv` (without node and script) and resolves to the exit code. */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = processIo,
): Promise<number> {
  if (argv[0] === '__complete') {
    // The completion scripts call this on every Tab: it must answer fast and never fail.
    const { runComplete } = await import('./cli/completion/run.js');
    return runComplete(argv.slice(1), env, io);
  }
  let invocation: Invocation;
  try {
    // The plain interactive start skips commander: the first frame comes sooner.
    const quick = quickTuiOptions(argv, env);
    invocation = quick ? { kind: 'tui', ...quick } : await parseFully(argv, env, io);
  } catch (error) {
    return await fail(io, error);
  }
  try {
    switch (invocation.kind) {
      case 'printed':
        return 0;
      case 'audit': {
        const { runAudit } = await import('./cli/run-audit.js');
        return await runAudit(invocation.target, invocation.audit, env, {
          out: io.out,
          err: io.err,
          progress: io.progress === true,
        });
      }
      case 'audit-many': {
        const { runAuditMany } = await import('./cli/run-audit-many.js');
        return await runAuditMany(invocation.source, invocation.audit, env, {
          out: io.out,
          err: io.err,
          progress: io.progress === true,
        });
      }
      case 'journal': {
        const { runJournal } = await import('./cli/run-journal.js');
        return await runJournal(invocation.journal, env, io.out);
      }
      case 'fleet': {
        const { runFleet } = await import('./cli/run-fleet.js');
        return await runFleet(invocation.fleet, env, io);
      }
      case 'sim': {
        const { runSim } = await import('./cli/run-sim.js');
        return await runSim(invocation.sim, io);
      }
      case 'completion': {
        const { completionScript } = await import('./cli/completion/scripts.js');
        io.out(completionScript(invocation.shell));
        return 0;
      }
      case 'tui': {
        const { runTui } = await import('./cli/run-tui.js');
        return await runTui(invocation, env, io);
      }
    }
  } catch (error) {
    return await fail(io, error);
  }
}

/** Every command and flag, through commander: help, version, subcommands, and what is wrong. */
async function parseFully(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<Invocation> {
  const [{ parseInvocation }, { versionLine }] = await Promise.all([
    import('./cli/args.js'),
    import('./cli/version.js'),
  ]);
  return parseInvocation(argv, env, versionLine(), io.out);
}

/** Says a command's failure as its one line on stderr; resolves to its exit code. */
export async function fail(io: CliIo, error: unknown): Promise<number> {
  // A client's or Node's error (a socket, a file) in the shared words: what was wrong, what to
  // do. Loaded only now: the clients it knows are not needed to start.
  const said =
    error instanceof UserError
      ? error
      : await import('./target/failure.js').then(
          ({ commandFailure }) => commandFailure(error),
          () => new UserError(`unexpected failure: ${messageOf(error)}`),
        );
  // Messages carry names and server replies: data, shown with their control characters visible.
  io.err(`aks-runbook: ${visible(said.message)}\n`);
  return said.exitCode;
}
