// A change goes through, then the look that should verify it fails (the simulator holds every
// read after the write, so the look's time bound runs out): the screen keeps what the change
// sent and what the server answered, says plainly that it was not verified and which key looks
// again, and the journal records the verification as not done. Once the cluster answers again,
// that key verifies it.
import { afterEach, describe, expect, it } from 'vitest';
import type { HeldRequest } from '../../src/sim/simulator.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { stateJournal } from '../helpers/state-journal.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';
import { startInTmux, type TmuxTerminal } from '../reliability/tmux.js';
import { DEMO_WORKSPACE } from '../helpers/sim-session.js';

const DEFENDER_WORKSPACE = DEMO_WORKSPACE;

let running: RunningSim | undefined;
let held: HeldRequest | undefined;
afterEach(async () => {
  held?.release();
  held = undefined;
  await running?.stop();
  running = undefined;
});

/** The TUI on the in-process simulator, at the checklist after its first look. */
async function tuiOn(sim: RunningSim, state: string): Promise<TmuxTerminal> {
  const t = startInTmux(
    ['--sim-connection', sim.connectionFile],
    { XDG_STATE_HOME: state },
    { columns: 120, rows: 40 },
  );
  await t.waitFor(/[✔!] node-image\b.*findings?/, 60_000);
  return t;
}

/** Types the cluster's name one key at a time (a burst is ignored), each seen, then Enter. */
async function typedYes(t: TmuxTerminal, name: string): Promise<void> {
  await t.waitFor('Enter go ahead, if the name is right');
  for (let i = 1; i <= name.length; i++) {
    t.type(name[i - 1]!);
    await t.waitFor(`› ${name.slice(0, i)}`);
  }
  t.key('Enter');
}

/** Moves to Yes (again until seen: a key that came with the dialog's first frame is ignored), then Enter. */
async function yes(t: TmuxTerminal): Promise<void> {
  for (let tries = 0; ; tries++) {
    t.key('y');
    try {
      await t.waitFor('▶ Yes, go ahead ◀', 2_000);
      break;
    } catch (error) {
      if (tries > 5) throw error;
    }
  }
  t.key('Enter');
}

/** The journal's note that the change's verification was not done. */
function notVerifiedNotes(state: string): Array<Record<string, unknown>> {
  return stateJournal(state).filter(
    (l) => l.type === 'note' && String(l.message).startsWith('verification not done'),
  );
}

/**
 * The journal once it has a note starting `message`: the program writes its notes after the
 * screen says what they say (a frame may show before the line is on disk).
 */
async function journalOnceNoted(state: string, message: string) {
  return until(
    () => {
      const lines = stateJournal(state);
      return lines.some((l) => l.type === 'note' && String(l.message).startsWith(message)) && lines;
    },
    `a journal note "${message}"`,
    30_000,
  );
}

describe('a change whose verifying look fails', () => {
  it('imds (Kubernetes write): the created policies stay on screen, marked not verified; l verifies', async () => {
    running = await startSimCommand('demo');
    let written = false;
    // Every Kubernetes read after the first real create waits: the look after the change runs
    // out of its bound. Writes still go through (the change creates every chosen namespace's),
    // and so does the read of a namespace's own policies made just before its create.
    held = running.sim.hold((method, path, query) => {
      if (method === 'POST' && path.endsWith('/networkpolicies') && !query.has('dryRun'))
        written = true;
      const ownPolicies = /\/namespaces\/[^/]+\/networkpolicies$/.test(path);
      return written && method === 'GET' && !path.includes('/subscriptions/') && !ownPolicies;
    });
    const state = tempDir('unverified-imds-');
    const t = await tuiOn(running, state);
    t.type(':imds');
    t.key('Enter');
    // The table shows before the step's look is made (rights, what applies): a key then is not
    // one yet. Its action line says it is.
    await t.waitFor('[a] apply to the chosen namespaces');
    t.key('a');
    await t.waitFor('Confirm a change');
    await yes(t);

    const screen = await t.waitFor('Done, NOT verified', 30_000);
    expect(screen).toMatch(/created, not verified/);
    expect(screen).toContain('Press l to look again:');
    expect(screen).toContain('The look after the change failed:');
    expect(screen).toContain('unavailable: changed, not verified');
    expect(screen).not.toMatch(/verified blocked|still exposed after the change/);
    await journalOnceNoted(state, 'verification not done');
    const created = stateJournal(state).filter(
      (l) => l.type === 'intent' && l.action === 'create networkpolicy',
    );
    expect(created.length).toBeGreaterThan(0);
    const notes = notVerifiedNotes(state);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      step: 'imds',
      message: 'verification not done: restrict-instance-metadata policies',
      detail: { verified: false },
    });
    // The reason is the look's one line: its bound ran out.
    expect((notes[0]!.detail as { why: string }).why).toMatch(/did not answer within 5 s/);

    // The cluster answers again: l looks again, and that look verifies the change.
    held.release();
    t.key('l');
    const verified = await t.waitFor(/✔ \S+: verified blocked/, 30_000);
    expect(verified).not.toContain('NOT verified');
    expect(verified).toMatch(/changed(: | · .* · )restrict-instance-metadata in/);
    await journalOnceNoted(state, 'verified by a later look');
    expect(notVerifiedNotes(state)).toHaveLength(1);
    expect(stateJournal(state)).toContainEqual(
      expect.objectContaining({
        type: 'note',
        message: 'verified by a later look: restrict-instance-metadata policies',
      }),
    );
    t.key('q');
  }, 120_000);

  it('defender (ARM change): the PUT and its operation stay on screen, marked not verified; r verifies', async () => {
    running = await startSimCommand('demo');
    let put = false;
    let clusterReads = 0;
    const cluster = /\/managedClusters\/[^/]+$/;
    // After the PUT's last status poll, the poller's read of the cluster passes; the next one
    // (the look that verifies) and every one after it waits, so the look runs out of its bound.
    held = running.sim.hold((method, path) => {
      if (method === 'PUT' && cluster.test(path)) put = true;
      if (put && /\/operationStatus\//i.test(path)) clusterReads = 0;
      return put && method === 'GET' && cluster.test(path) && ++clusterReads > 1;
    });
    const state = tempDir('unverified-defender-');
    const t = await tuiOn(running, state);
    t.type(':defender');
    t.key('Enter');
    await t.waitFor('(defender)');
    // ARM requires a Log Analytics workspace to enable Defender: give one (w) once the look ended.
    await t.waitFor('[w] Enter a Log Analytics workspace id');
    t.key('w');
    await t.waitFor('workspace ›');
    t.type(DEFENDER_WORKSPACE);
    t.key('Enter');
    await t.waitFor('Enabling would use: law-shop');
    // The action is offered once the step's look has ended; a key before that is not one.
    await t.waitFor('[e] Enable Defender');
    t.key('e');
    await typedYes(t, running.sim.arm.name);

    const screen = await t.waitFor('Done, NOT verified', 30_000);
    expect(screen).toContain('Sending the PUT to Azure…');
    expect(screen).toContain(
      'Sent: the PUT that enables Defender for Containers; Azure reported its operation finished.',
    );
    expect(screen).toContain('Press r to look again:');
    expect(screen).toContain('unavailable: changed, not verified');
    expect(screen).not.toMatch(/✔ Verified|still reports Defender off/);
    await journalOnceNoted(state, 'verification not done');
    expect(stateJournal(state)).toContainEqual(
      expect.objectContaining({ type: 'intent', action: 'enable defender' }),
    );
    expect(notVerifiedNotes(state)).toEqual([
      expect.objectContaining({
        step: 'defender',
        message: 'verification not done: the PUT that enables Defender',
      }),
    ]);

    held.release();
    t.key('r');
    const verified = await t.waitFor('✔ Verified: Defender for Containers is on', 30_000);
    expect(verified).not.toContain('NOT verified');
    expect(verified).toMatch(/changed(: | · .* · )Enabled Defender for Containers/);
    t.key('q');
  }, 120_000);

  it('drain (cordon): the node stays cordoned, marked not verified; l on the node table looks again, then u uncordons', async () => {
    running = await startSimCommand('demo');
    let written = false;
    // Every Kubernetes read after the cordon's write waits: the look after it runs out of its bound.
    held = running.sim.hold((method, path) => {
      if (method === 'PATCH' && path.startsWith('/api/v1/nodes/')) written = true;
      return written && method === 'GET' && !path.includes('/subscriptions/');
    });
    const state = tempDir('unverified-drain-');
    const t = await tuiOn(running, state);
    t.type(':drain');
    t.key('Enter');
    // The node table shows before its keys are bound (the rights are still asked): the footer
    // names them once they are.
    await t.waitFor('C cordon');
    t.key('C');
    await t.waitFor('Confirm a change');
    await yes(t);

    const screen = await t.waitFor('Done, NOT verified', 30_000);
    expect(screen).toMatch(/✔ \S+ cordoned/);
    const node = /✔ (\S+) cordoned/.exec(screen)![1]!;
    expect(screen).toContain('Press l to look again:');
    // The key the result names is bound on the node table (its footer lists it).
    expect(screen).toMatch(/ · l action · /);
    await journalOnceNoted(state, 'verification not done');
    expect(notVerifiedNotes(state)).toEqual([
      expect.objectContaining({ step: 'drain', message: 'verification not done: cordon' }),
    ]);
    // The node watch saw the cordon and looks too; that look fails as well. It says so under
    // the change's lines, which stay (it once replaced them, leaving only its error).
    const later = await t.waitFor(/^✖ the cluster did not answer/m, 30_000);
    expect(later).toContain('Done, NOT verified');
    expect(later).toMatch(/✔ \S+ cordoned/);

    // Once the cluster answers, l looks again (the node watch may look first; either verifies).
    held.release();
    t.key('l');
    await t.waitFor((f) => !f.includes('NOT verified') && f.includes(`✔ ${node} cordoned`), 30_000);
    t.key('u');
    await t.waitFor('Confirm a change');
    await yes(t);
    await t.waitFor(`✔ ${node} uncordoned`, 30_000);
    expect(running.sim.kube.getNode(node)?.spec).not.toMatchObject({ unschedulable: true });
    t.key('q');
  }, 120_000);
});
