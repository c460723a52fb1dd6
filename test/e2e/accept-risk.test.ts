import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runBin } from '../helpers/cli-process.js';
import { startInPty, type PtySession } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';

// "Accept this risk" in the built program, in a real terminal: a waived finding is dimmed with
// its reason, and a new waiver is asked for, confirmed, appended to the file and journaled; the
// headless audit then reads it.

const dir = tempDir('accept-risk-');
const waivers = join(dir, 'waivers.yaml');
const state = join(dir, 'state');
const env = { XDG_STATE_HOME: state, AKS_RUNBOOK_TEST_NOW: '2026-03-01' };

/** Types `text` and waits until `expected` shows in what was drawn after it. */
async function typeAndSee(pty: PtySession, text: string, expected: string): Promise<void> {
  const mark = pty.screen().length;
  pty.type(text);
  await pty.waitFor((screen) => screen.slice(mark).includes(expected), 30_000);
}

it('shows waived findings with their reason, and accepts a risk into the file, confirmed and journaled', async () => {
  writeFileSync(
    waivers,
    `# the team's accepted risks
waivers:
  - finding: containers.root
    object: { kind: Deployment, namespace: monitoring, name: log-shipper }
    reason: the image runs as root until the vendor fixes it
    owner: platform-team
    expires: 2026-04-01
  - finding: containers.privileged
    object: { kind: DaemonSet, namespace: kube-system, name: kured }
    reason: kured reboots nodes from the host's PID namespace
    owner: platform-team
    expires: 2026-04-01
  - finding: containers.host-namespace
    object: { kind: DaemonSet, namespace: kube-system, name: kured }
    reason: kured reboots nodes from the host's PID namespace
    owner: platform-team
    expires: 2026-04-01
`,
  );
  const pty = startInPty(['--demo', '--waivers', waivers], env, { cols: 120, rows: 40 });
  try {
    await pty.waitFor(/containers\s+Container privileges\s+\d+ finding/, 60_000);
    await typeAndSee(pty, ':', 'Tab complete');
    await typeAndSee(pty, 'containers', ':containers');
    await typeAndSee(pty, '\r', 'A accept risk');
    // Filtered to one workload, its findings fit and are shown open.
    await typeAndSee(pty, '/', 'filter findings');
    await typeAndSee(
      pty,
      'log-shipper\r',
      '≈ waived until 2026-04-01 by platform-team: the image runs as root',
    );
    await typeAndSee(pty, 'A', 'Which finding?');
    expect(pty.screen()).toContain(`Accept a risk: a waiver in ${waivers}`);
    await typeAndSee(pty, '\r', 'why is it accepted ›');
    await typeAndSee(pty, 'reads the node logs', 'reads the node logs');
    await typeAndSee(pty, '\r', 'who answers for it ›');
    await typeAndSee(pty, 'sre@contoso.com', 'sre@contoso.com');
    await typeAndSee(pty, '\r', 'until (YYYY-MM-DD, 2026-08-28 at the latest) › 2026-05-30');
    await typeAndSee(pty, '\r', 'Confirm a change');
    expect(pty.screen()).toContain(
      'Accept the risk of containers.privileged on Deployment/monitoring/log-shipper in cluster',
    );
    await pty.waitFor('Enter do what is chosen');
    await typeAndSee(pty, 'y', '▶ Yes, go ahead');
    await typeAndSee(pty, '\r', 'Risk accepted until 2026-05-30');
    // The result scrolled into view; back at the top the finding is now shown waived too.
    await typeAndSee(pty, 'g', '≈ waived until 2026-05-30 by sre@contoso.com: reads the node logs');
    pty.type('q');
    expect(await pty.exited(30_000)).toBe(0);
  } finally {
    pty.kill();
  }
  const file = readFileSync(waivers, 'utf8');
  expect(file.startsWith("# the team's accepted risks\n")).toBe(true);
  expect(file).toContain('  - finding: containers.privileged');
  expect(file).toContain('    cluster: aks-shop-prod');
  const journal = readdirSync(join(state, 'aks-runbook')).find((f) => f.endsWith('.jsonl'))!;
  const lines = readFileSync(join(state, 'aks-runbook', journal), 'utf8');
  expect(lines).toMatch(
    /"type":"confirmation".*Accept the risk of containers\.privileged.*"answer":"yes"/,
  );
  expect(lines).toMatch(/"type":"intent".*"action":"accept risk"/);
  expect(lines).toMatch(/"type":"result","id":\d+,"outcome":"ok"/);

  // The headless audit reads what was accepted: the log shipper's high finding no longer fails the
  // gate (kured's two, reported since kube-system exempts nothing by name, are waived above).
  const audit = await runBin(
    ['audit', '--demo', '--steps', 'containers', '--waivers', waivers, '--output', 'json'],
    env,
    { timeoutMs: 60_000 },
  );
  expect(audit.code).toBe(0);
}, 180_000);

it('a waivers file that is not right stops the program before the screen, in one line', async () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(
    bad,
    'waivers:\n  - finding: containers.root\n    owner: o\n    expires: 2026-04-01\n',
  );
  const pty = startInPty(['--demo', '--waivers', bad], env);
  try {
    expect(await pty.exited(30_000)).toBe(2);
    expect(pty.screen()).toContain(`aks-runbook: ${bad}: entry 1 (containers.root): reason: `);
  } finally {
    pty.kill();
  }
});
