import { dirname } from 'node:path';
import { UserError } from '../model/errors.js';
import { commandFailure } from '../target/failure.js';
import { connectTarget } from './connect-target.js';
import { earlyReadsOf } from './early-reads.js';
import { readOperator } from '../target/read-operator.js';
import { type Connection } from '../model/connection.js';
import type { TargetOptions } from '../target/options.js';
import type { Simulator } from '../sim/simulator.js';
import type { WaiverSet } from '../waivers/waiver-file.js';
import { RiskDesk } from '../waivers/risk-desk.js';
import { acceptRisk, type RiskRequest } from './accept-risk.js';
import { CHECKLIST, type StepId } from '../model/checklist.js';
import { Journal } from './journal.js';
import type { OpenJournalFile } from './journal-file.js';
import type { StepModules } from '../steps/registry-types.js';
import { lazyRegistry } from './lazy-registry.js';
import { detectResume, type ResumeAnswer } from './resume.js';
import { writeMissingTranscripts } from './missing-transcripts.js';
import { transcriptActions } from './session-actions.js';
import { StepHost } from './step-host.js';
import type { SessionStore } from './session.js';
import type { WaitNotice } from '../model/bounds.js';
import { waitHeader } from './wait-header.js';

/** A running session: the connection (when it succeeded), its journal, and how to end it. */
export interface RunningSession {
  connection?: Connection;
  journal?: Journal;
  /** Runs the steps; absent when the connection failed. */
  host?: StepHost;
  /** Closes the journal and stops the simulated cluster, if one was started. */
  stop(): Promise<void>;
  /** Writes the Markdown transcript now (the `t` key) and says where on the overview. */
  transcriptNow(): Promise<void>;
  /** Acts on the operator's answer to the offer to resume an interrupted session. */
  answerResume(choice: ResumeAnswer): Promise<void>;
  /** "Accept this risk" on a finding of a step (when a waivers file is in use). */
  acceptRisk(step: StepId, request: RiskRequest): Promise<void>;
}

/** The waivers file of the session, read before connecting (a bad one stops the program). */
export interface SessionWaivers {
  file: string;
  set?: WaiverSet;
  maxDays: number;
  now: () => Date;
}

/**
 * Connects to the target (starting the simulated cluster first for `--demo`) and fills the
 * store: the cluster card, which steps can run, the journal path. Failures land in the store
 * as one line; they never throw past here.
 */
export async function startSession(
  target: TargetOptions,
  store: SessionStore,
  env: NodeJS.ProcessEnv,
  waivers?: SessionWaivers,
  /** The journal's file-writing seam (tests of a full disk); the real file system by default. */
  openJournalFile?: OpenJournalFile,
  /** Steps the program wires itself (the fleet step with its reach into Fleet Manager). */
  wired: Partial<StepModules> = {},
): Promise<RunningSession> {
  let sim: Simulator | undefined;
  let journal: Journal | undefined;
  let host: StepHost | undefined;
  // Each part closes even when the one before it failed: the journal's file handle above all.
  const stop = async (): Promise<void> => {
    try {
      await host?.stop();
    } finally {
      try {
        await journal?.close();
      } finally {
        await sim?.close();
      }
    }
  };
  const onProgress = (detail: string): void =>
    store.update({ connection: { phase: 'connecting', detail } });
  // The journal needs only the cluster's name: it opens while connect's first Kubernetes reads
  // are in flight instead of after them, ahead of the first look at the steps.
  let opening: Promise<Journal> | undefined;
  const openJournal = (cluster: string): Promise<Journal> =>
    (opening ??= Journal.open({
      cluster,
      mode: store.getState().mode,
      env,
      ...(openJournalFile ? { openFile: openJournalFile } : {}),
    }));
  // The step modules load while connect waits on the network (they are most of the program):
  // once its first requests are out, so that loading them does not hold those back.
  const registry = lazyRegistry();
  try {
    const reached = await connectTarget(target, {
      env,
      mode: store.getState().mode,
      onProgress,
      onWait: showWait(store),
      onRequestsOut: registry.start,
      // Its failure is the session's once connect has succeeded (awaited below).
      onNamed: (name) => void openJournal(name).catch(() => undefined),
      // Every step is looked at right after connecting (`inspectAll`).
      earlyReads: (withArm) =>
        earlyReadsOf(
          CHECKLIST.map((s) => s.id),
          withArm,
        ),
    });
    sim = reached.sim;
    const { connection, simToken } = reached;
    journal = await openJournal(connection.summary.name);
    // From the first failed write on, every screen says so and no change is made.
    journal.onFailure((failure) => store.update({ journalFailure: failure.message }));
    if (simToken) journal.addSecret(simToken);
    const token = connection.kc.getCurrentUser()?.token;
    if (token) journal.addSecret(token);
    // The first line after the session's own, whatever the steps write next; awaited below.
    const noted = journal.note('connect', 'connected', {
      server: connection.kubeServer,
      version: connection.summary.serverVersion,
      source: connection.summary.source,
      // Which cluster exactly, so a later session can tell whether it left a change in flight here.
      ...(connection.arm ? { arm: connection.arm.at } : {}),
    });
    noted.catch(() => undefined); // awaited below, while the step modules load
    // The connect step's own look (the rights) gives its verdict: saying ok here first would
    // flicker ok -> running -> ok.
    store.setStep('connect', { kind: 'running' });
    if (connection.armMissing) {
      for (const step of CHECKLIST.filter((s) => s.needsArm)) {
        store.setStep(step.id, { kind: 'unavailable', why: connection.armMissing });
      }
    }
    const { STEP_MODULES } = await registry.loaded();
    // Before any look begins: a note that cannot be written (a full disk) ends the session here,
    // not behind looks that would go on reading and overwrite connect's verdict. Unflushed, it
    // is on its way while the modules load: waiting for it costs the looks nothing measurable.
    await noted;
    const desk = waivers
      ? new RiskDesk(waivers.file, waivers.set, waivers, connection.summary)
      : undefined;
    host = new StepHost({
      store,
      connection,
      journal,
      steps: { ...STEP_MODULES, ...wired },
      desk,
    });
    if (desk && !store.getState().mode.readOnly) store.update({ acceptRisk: desk.offer() });
    const risks = desk && { store, journal, host, desk, cluster: connection.summary.name };
    // Who is signed in, for the header: learnt in the background, never holding up the steps.
    void readOperator(connection, env).then((operator) => store.update({ operator }));
    // An operation someone else started (or an earlier session left running) shows at once:
    // from connect's own read of the cluster and pools, made moments ago.
    if (connection.arm) void host.operations.learn(connection.arm.facts).catch(() => undefined);
    host.followCard();
    // The looks begin first: the old sessions' transcripts and the resume offer need the disk,
    // not the cluster, and must not hold up the reads the looks send.
    void inspectAll(host, connection);
    // Sessions killed before they could write their transcript (kill -9) get it now.
    await writeMissingTranscripts(dirname(journal.path), journal.path);
    const found = await detectResume(journal, {
      cluster: connection.summary.name,
      server: connection.kubeServer,
      ...(connection.arm ? { arm: connection.arm.at } : {}),
    }).catch(() => undefined); // an unreadable old journal must not stop this session
    // --demo starts a brand-new simulated cluster: what an earlier one left in flight is not here.
    const resume = sim ? undefined : found;
    if (found && sim) await journal.note('connect', 'interrupted session not offered (--demo)');
    store.update({
      // Before the overview first shows: the offer must not flash in after the checklist.
      ...(resume ? { resume } : {}),
      ...(found && sim ? { notice: DEMO_NO_RESUME } : {}),
      connection: {
        phase: 'connected',
        cluster: connection.summary,
        armMissing: connection.armMissing,
      },
      journalPath: journal.path,
    });
    return {
      connection,
      journal,
      host,
      stop,
      ...transcriptActions(store, journal, host),
      acceptRisk: (step, request) => (risks ? acceptRisk(risks, step, request) : noop()),
    };
  } catch (error) {
    // A journal opened for a connection that then failed recorded nothing: it is removed.
    if (!journal && opening) await opening.then((j) => j.discard()).catch(() => undefined);
    const message = asUserError(error).message;
    store.update({ connection: { phase: 'failed', message } });
    store.setStep('connect', { kind: 'unavailable', why: message });
    return { journal, stop, transcriptNow: noop, answerResume: noop, acceptRisk: noop };
  }
}

const noop = (): Promise<void> => Promise.resolve();

/** Why an earlier --demo session's changes in flight are not offered to continue. */
export const DEMO_NO_RESUME =
  'Earlier --demo changes not resumed: each --demo is a new simulated cluster.';

/** Shows long retry waits in the header while any lasts (see `waitHeader`). */
function showWait(store: SessionStore): (wait: WaitNotice) => void {
  return waitHeader({
    show: (line) => {
      if (store.getState().waiting !== line) store.update({ waiting: line });
    },
  });
}

/** Any failure as the one line the operator sees (`doing`: what was being done, for a client's). */
export function asUserError(error: unknown, doing?: string): UserError {
  if (error instanceof UserError) return error;
  if (error instanceof Error && error.name === 'ScenarioError') {
    return new UserError(`the scenario cannot be used: ${error.message}`);
  }
  return commandFailure(error, doing);
}

/**
 * Looks at every step once right after connecting, so the overview shows what needs attention
 * before the operator opens anything. All steps at once, as one snapshot: each kind (nodes, pods,
 * budgets, the ARM cluster) is read once and shared, and no Kubernetes step waits behind ARM.
 * A write made meanwhile drops what is shared (see `connect`), so a check after it reads afresh.
 */
async function inspectAll(host: StepHost, connection: Connection): Promise<void> {
  await connection.reads.batch(() => Promise.all(CHECKLIST.map(({ id }) => host.open(id))));
}
