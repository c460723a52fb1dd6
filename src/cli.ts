import { parseInvocation, type Invocation } from './cli/args.js';
import { versionLine } from './cli/version.js';
import { UserError, messageOf } from './errors.js';
import { visible, visibleLines } from './visible-text.js';
import { SessionStore } from './runbook/session.js';
import { catchFirstSignal, signalExitCode, type FirstSignal } from './cli/first-signal.js';
import { markTiming } from './cli/timings.js';
import type { RunningSession } from './runbook/start-session.js';
import type { ListedCluster } from './azure/list-clusters.js';

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
  out: (text) => process.stdout.write(visibleLines(text)),
  err: (text) => process.stderr.write(visibleLines(text)),
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
    invocation = parseInvocation(argv, env, versionLine(), io.out);
  } catch (error) {
    return fail(io, error);
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
      case 'sim': {
        const { runSim } = await import('./cli/run-sim.js');
        return await runSim(invocation.sim, io);
      }
      case 'completion': {
        const { completionScript } = await import('./cli/completion/scripts.js');
        io.out(completionScript(invocation.shell));
        return 0;
      }
      case 'tui':
        return await runTui(invocation, env, io);
    }
  } catch (error) {
    return fail(io, error);
  }
}

async function runTui(
  invocation: Invocation & { kind: 'tui' },
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  if (!io.interactive) {
    // Say what is wrong with the target first, if anything: that is the more useful line.
    const { checkTargetOffline } = await import('./target/check-offline.js');
    await checkTargetOffline(invocation.target, env);
    throw new UserError(
      'aks-runbook is interactive and needs a terminal on stdin and stdout; for scripts and CI use "aks-runbook audit"',
    );
  }
  const store = new SessionStore({
    readOnly: invocation.readOnly,
    dryRun: invocation.dryRun,
    demo: invocation.target.demo,
    ...(invocation.probeImage ? { probeImage: invocation.probeImage } : {}),
  });
  // SIGTERM, SIGHUP (terminal closed) or SIGINT end the session like `q`: the journal is closed.
  const interrupt = catchFirstSignal();
  try {
    return await runSession(invocation, env, io, store, interrupt);
  } finally {
    interrupt.dispose();
  }
}

async function runSession(
  invocation: Invocation & { kind: 'tui' },
  env: NodeJS.ProcessEnv,
  io: CliIo,
  store: SessionStore,
  interrupt: FirstSignal,
): Promise<number> {
  let quit: () => void = () => undefined;
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  let pick: (cluster: ListedCluster | undefined) => void = () => undefined;
  const picked = new Promise<ListedCluster | undefined>((resolve) => (pick = resolve));
  void interrupt.received.then(() => {
    pick(undefined);
    quit();
  });
  // Draw the first frame before the Kubernetes and Azure SDKs load: they take about a second.
  const { renderApp } = await import('../screens/render-app.js');
  const session: { current?: RunningSession } = {};
  const app = renderApp(
    store,
    {
      onQuit: () => {
        pick(undefined);
        quit();
      },
      onPickCluster: (cluster) => pick(cluster),
      onOpenStep: (id) => void session.current?.host?.open(id),
      onStepEvent: (id, event) => void session.current?.host?.send(id, event),
      onTranscript: () => void session.current?.transcriptNow(),
      onResume: (choice) => void session.current?.answerResume(choice),
    },
    // Both ends are a terminal (checked above): draw live even when CI is set in the environment,
    // which Ink would otherwise take as "print only the last frame".
    { interactive: true },
  );
  markTiming('first-frame', env);
  let target = invocation.target;
  const { needsPick, pickCluster } = await import('./runbook/pick-cluster.js');
  if (needsPick(target)) {
    // Only a subscription was named: the operator picks the cluster once ARM has listed them.
    const chosen = await pickCluster(target, store, env, picked);
    if (!chosen) {
      app.unmount();
      const signal = interrupt.current();
      if (signal) return endedBy(signal, io);
      const state = store.getState().connection;
      if (state.phase !== 'failed') return 0;
      io.err(`aks-runbook: ${visible(state.message)}\n`);
      return 2;
    }
    target = chosen;
  }
  const { startSession } = await import('./runbook/start-session.js');
  const running = await startSession(target, store, env);
  session.current = running;
  const connection = store.getState().connection;
  try {
    // A failed connection leaves one line in the terminal, not a screen to dismiss.
    if (connection.phase !== 'failed') {
      markTiming('connected', env);
      await Promise.race([quitting, app.waitUntilExit()]);
    }
  } finally {
    app.unmount();
    // On every way out (quit, failure, error, signal): stops the work and closes the journal.
    await running.stop();
  }
  const signal = interrupt.current();
  if (signal) return endedBy(signal, io, store.getState().journalPath);
  if (connection.phase === 'failed') {
    io.err(`aks-runbook: ${visible(connection.message)}\n`);
    return 2;
  }
  // The journal is closed and complete: the transcript on exit is built from it alone.
  const journalPath = store.getState().journalPath;
  if (journalPath) {
    const { writeTranscript } = await import('./runbook/transcript-file.js');
    const transcript = await writeTranscript(journalPath).catch(() => undefined);
    if (transcript) io.out(`Journal: ${journalPath}\nTranscript: ${transcript}\n`);
  }
  return 0;
}

/** Says which signal ended the session and where its (closed) journal is; the exit code for it. */
function endedBy(signal: NodeJS.Signals, io: CliIo, journalPath?: string): number {
  io.err(
    `aks-runbook: ended by ${signal}${journalPath ? `; journal closed: ${journalPath}` : ''}\n`,
  );
  return signalExitCode(signal);
}

function fail(io: CliIo, error: unknown): number {
  // Messages carry names and server replies: data, shown with their control characters visible.
  if (error instanceof UserError) {
    io.err(`aks-runbook: ${visible(error.message)}\n`);
    return error.exitCode;
  }
  io.err(`aks-runbook: unexpected failure: ${visible(messageOf(error))}\n`);
  return 2;
}
