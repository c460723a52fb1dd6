import type { ListedCluster } from '../model/arm.js';
import { UserError, messageOf } from '../model/errors.js';
import { commandsFile } from '../runbook/journal-location.js';
import type { RunningSession, SessionWaivers } from '../runbook/start-session.js';
import { SessionStore, type SessionState } from '../runbook/session.js';
import { visible } from '../model/visible-text.js';
import type { Invocation } from './args.js';
import { failOnCrash } from './fail-on-crash.js';
import { catchFirstSignal, signalExitCode, type FirstSignal } from './first-signal.js';
import { markTiming } from './timings.js';
import { sessionWaivers } from './tui-waivers.js';

/** Where the TUI writes once it has given the terminal back. */
export interface TuiIo {
  out: (text: string) => void;
  err: (text: string) => void;
  interactive: boolean;
}

/** What the session ended with: the exit code and the lines to print after the screen is gone. */
export interface Ending {
  code: number;
  out?: string;
  err?: string;
}

/**
 * The interactive program: draws the screens in the terminal's alternate screen (the scrollback
 * stays as it was) and gives the terminal back on every way out: quit, Ctrl+C, a failure, a
 * crash, a signal. `q` works from the first frame, connecting included. SIGTERM, SIGHUP (the
 * terminal closed) or SIGINT end the session like `q`, with the journal closed.
 */
export async function runTui(
  invocation: Invocation & { kind: 'tui' },
  env: NodeJS.ProcessEnv,
  io: TuiIo,
): Promise<number> {
  if (!io.interactive) {
    // Say what is wrong with the target first, if anything: that is the more useful line.
    const { checkTargetOffline } = await import('./check-offline.js');
    await checkTargetOffline(invocation.target, env);
    throw new UserError(
      'aks-runbook is interactive and needs a terminal on stdin and stdout; for scripts and CI use "aks-runbook audit"',
    );
  }
  // A waivers file that is not right stops here, in one line, before the screen is drawn.
  const waivers = await sessionWaivers(invocation, env);
  const store = new SessionStore({
    readOnly: invocation.readOnly,
    dryRun: invocation.dryRun,
    demo: invocation.target.demo,
    simulated: invocation.target.demo || invocation.target.simConnection !== undefined,
    ...(invocation.probeImage ? { probeImage: invocation.probeImage } : {}),
  });
  store.update({ commands: { file: commandsFile(env) } });
  const interrupt = catchFirstSignal();
  try {
    return await runScreens(invocation, env, io, store, interrupt, waivers);
  } finally {
    interrupt.dispose();
  }
}

/** The screens up, the session through them, the screens down; then the lines to print. */
async function runScreens(
  invocation: Invocation & { kind: 'tui' },
  env: NodeJS.ProcessEnv,
  io: TuiIo,
  store: SessionStore,
  interrupt: FirstSignal,
  waivers: SessionWaivers,
): Promise<number> {
  let quit: () => void = () => undefined;
  // Ctrl+C in the screens is a key (raw mode), not SIGINT; it still ends the program as one.
  let interrupted = false;
  const quitting = new Promise<'quit'>((resolve) => (quit = () => resolve('quit')));
  let pick: (cluster: ListedCluster | undefined) => void = () => undefined;
  const picked = new Promise<ListedCluster | undefined>((resolve) => (pick = resolve));
  void interrupt.received.then(() => {
    pick(undefined);
    quit();
  });
  // Draw the first frame before the Kubernetes and Azure SDKs load: they take about a second.
  const { renderApp, preloadScreens } = await import('../../screens/render-app.js');
  const session: { current?: RunningSession; closeDemo?: () => Promise<void> } = {};
  const app = renderApp(
    store,
    {
      onQuit: (how) => {
        if (how === 'interrupt') interrupted = true;
        pick(undefined);
        quit();
      },
      onPickCluster: (cluster) => pick(cluster),
      onOpenStep: (id) => void session.current?.host?.open(id),
      onCloseStep: (id) => session.current?.host?.close(id),
      onStepEvent: (id, event) => void session.current?.host?.send(id, event),
      onTranscript: () => void session.current?.transcriptNow(),
      onResume: (choice) => void session.current?.answerResume(choice),
      onAcceptRisk: (step, request) => void session.current?.acceptRisk(step, request),
      onCopyCommands: (commands) => void copyFromScreen(commands, store, env),
    },
    // Both ends are a terminal (checked above): draw live even when CI is set in the environment,
    // which Ink would otherwise take as "print only the last frame".
    { interactive: true, alternateScreen: true },
  );
  markTiming('first-frame', env);
  // The screens the first frame did not need load now, before a key can open one.
  void preloadScreens();
  const crashed = failOnCrash();
  if (env['AKS_RUNBOOK_CRASH_TEST'] === 'after-first-frame') {
    // For the test that the terminal comes back after a crash; never set in normal use.
    setTimeout(() => {
      throw new Error('crash test (AKS_RUNBOOK_CRASH_TEST)');
    }, 100);
  }
  let ending: Ending;
  try {
    ending = await Promise.race([
      runSession(invocation, store, env, { quitting, picked, app, session, waivers }),
      crashed.promise,
    ]);
  } finally {
    // Give the terminal back first (raw mode off, main screen), then print.
    app.unmount();
    crashed.dispose();
    // On every way out (quit, failure, crash, signal): stops the work and closes the journal.
    await session.current?.stop();
    await session.closeDemo?.();
  }
  const signal = interrupt.current();
  if (signal) {
    // Ended by a signal: say so, and where the (closed) journal is.
    const journalPath = store.getState().journalPath;
    io.err(
      `aks-runbook: ended by ${signal}${journalPath ? `; journal closed: ${journalPath}` : ''}\n`,
    );
    return signalExitCode(signal);
  }
  if (ending.err) io.err(ending.err);
  if (ending.out) io.out(ending.out);
  return interrupted && ending.code === 0 ? signalExitCode('SIGINT') : ending.code;
}

/**
 * Copies commands from a dialog to the terminal's clipboard (OSC 52, written past Ink: the
 * sequence prints nothing) and to the commands file; the dialog says where they went.
 */
async function copyFromScreen(
  commands: string[],
  store: SessionStore,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const { copyCommands } = await import('../runbook/copy-commands.js');
  const file = commandsFile(env);
  // The outcome belongs to the dialog it was asked from (none open: the step), not the next one.
  const state = store.getState();
  const asked = state.confirmation ? state.asked : undefined;
  try {
    const copied = await copyCommands(commands, { env, terminal: process.stdout });
    const what = commands.length === 1 ? 'Copied' : `Copied ${commands.length} commands`;
    const where = copied.clipboard
      ? 'to the file above, and to the clipboard if the terminal allows it'
      : 'to the file above';
    store.update({ commands: { file, copied: `✔ ${what} ${where}.`, asked } });
  } catch (error) {
    store.update({ commands: { file, copied: `✖ Not copied: ${messageOf(error)}`, asked } });
  }
}

/** From the first frame to the end of the session: pick, connect, walk the checklist. */
async function runSession(
  invocation: Invocation & { kind: 'tui' },
  store: SessionStore,
  env: NodeJS.ProcessEnv,
  wiring: {
    quitting: Promise<'quit'>;
    picked: Promise<ListedCluster | undefined>;
    app: { waitUntilExit(): Promise<void> };
    session: { current?: RunningSession; closeDemo?: () => Promise<void> };
    waivers: SessionWaivers;
  },
): Promise<Ending> {
  const failed = (): Ending => {
    const state = store.getState().connection;
    return state.phase === 'failed'
      ? { code: 2, err: `aks-runbook: ${visible(state.message)}\n` }
      : { code: 0 };
  };
  let target = invocation.target;
  if (target.demo && target.allSubscriptions) {
    // One simulator for the picker and the session: its clusters are listed, the picked one reached.
    const { demoForPicking } = await import('./demo-pick.js');
    const { asUserError } = await import('../runbook/start-session.js');
    try {
      const demo = await demoForPicking(target, (detail) =>
        store.update({ connection: { phase: 'connecting', detail } }),
      );
      wiring.session.closeDemo = demo.close;
      target = demo.target;
    } catch (error) {
      store.update({ connection: { phase: 'failed', message: asUserError(error).message } });
      return failed();
    }
  }
  const { needsPick, pickCluster } = await import('../runbook/pick-cluster.js');
  if (needsPick(target)) {
    // Only a subscription (or all) was named: the operator picks from the Resource Graph inventory.
    const { inventoryClusters } = await import('../fleet/pick-inventory.js');
    const chosen = await Promise.race([
      pickCluster(target, store, env, wiring.picked, inventoryClusters),
      wiring.quitting,
    ]);
    if (chosen === 'quit' || !chosen) return failed();
    target = chosen;
  }
  const { startSession } = await import('../runbook/start-session.js');
  const { wiredSteps } = await import('./tui-steps.js');
  const starting = startSession(target, store, env, wiring.waivers, undefined, wiredSteps(env));
  const running = await Promise.race([starting, wiring.quitting]);
  if (running === 'quit') {
    // Quit while connecting: the connection is dropped when it completes, nothing waits for it.
    void starting.then((late) => late.stop());
    return { code: 0 };
  }
  wiring.session.current = running;
  if (store.getState().connection.phase === 'failed') {
    // Nothing to walk through: leave the one line in the terminal, not a screen to dismiss.
    return failed();
  }
  markTiming('connected', env);
  await Promise.race([wiring.quitting, wiring.app.waitUntilExit()]);
  await running.stop();
  wiring.session.current = undefined;
  // The journal is closed and complete: the transcript on exit is built from it alone.
  const { journalPath } = store.getState();
  if (!journalPath) return { code: 0 };
  const { writeTranscript } = await import('../runbook/transcript-file.js');
  const transcript = await writeTranscript(journalPath).catch(() => undefined);
  return sessionEnding(store.getState(), transcript);
}

/**
 * How a connected session ends: exit 0 with where the journal and transcript are, or, when the
 * journal could not be written, exit 2 with that line (the session changed nothing after it, and
 * must not look like a success to whoever runs it).
 */
export function sessionEnding(
  state: Pick<SessionState, 'journalPath' | 'journalFailure'>,
  transcript: string | undefined,
): Ending {
  if (state.journalFailure)
    return { code: 2, err: `aks-runbook: ${visible(state.journalFailure)}\n` };
  return transcript
    ? { code: 0, out: `Journal: ${state.journalPath}\nTranscript: ${transcript}\n` }
    : { code: 0 };
}
