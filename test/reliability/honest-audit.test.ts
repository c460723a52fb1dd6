// Audit honesty under faults, on the simulator's fault injection: a step that could not finish
// (credentials gone, throttled past the retries, cut off by the audit's time limit) makes the
// audit exit 2, and the report names the step, the kind of failure and what was not checked.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/cli/run-audit.js';
import { renderAudit } from '../../src/report/render.js';
import type { AuditReport } from '../../src/report/audit-schema.js';
import { AUDIT_STEPS } from '../../src/report/audit-steps.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import { simConnectionOf } from '../../src/sim/connection-file.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { tempDir } from '../helpers/temp-dir.js';
import { publishedSchema } from '../report/published-schema.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** A simulator with `faults`, and a connection file for `--sim-connection`. */
async function faulty(faults: FaultSpec, speed = 1): Promise<{ s: Simulator; file: string }> {
  sim = await startSimulator({ scenario: 'demo', speed, faults });
  const file = join(tempDir('honest-'), 'sim.json');
  writeFileSync(file, JSON.stringify(simConnectionOf(sim)), { mode: 0o600 });
  return { s: sim, file };
}

/** `aks-runbook audit --output json` in-process; `err` gets what a terminal's stderr would. */
async function audit(
  file: string,
  env: NodeJS.ProcessEnv = {},
  more: { timeoutMs?: number; failOn?: 'low' | 'medium' | 'high' } = {},
) {
  let out = '';
  let err = '';
  const started = Date.now();
  const code = await runAudit(
    { cloud: 'AzureCloud', demo: false, simConnection: file },
    {
      steps: AUDIT_STEPS.map((s) => s.id),
      output: 'json',
      failOn: more.failOn ?? 'high',
      ...(more.timeoutMs ? { timeoutMs: more.timeoutMs } : {}),
    },
    { XDG_STATE_HOME: tempDir('honest-state-'), ...env },
    { out: (t) => (out += t), err: (t) => (err += t), progress: true },
  );
  const report = JSON.parse(out) as AuditReport;
  return { code, report, err, ms: Date.now() - started };
}

const holes = (r: AuditReport) =>
  r.steps.filter((s) => s.status === 'unavailable' || s.status === 'forbidden');

describe('an audit with holes never passes', () => {
  it('tokens that expire after one simulated minute: exit 2, each hole named with its kind', async () => {
    // 12x: the simulated minute is 5 s of wall time, ample for connecting; connect's version read
    // is held until the minute has passed, so the tokens expire between connect and the reads the
    // steps make after it. (The steps' first lists go out with connect's own reads and are
    // answered before the expiry: those are true reads, and their steps may report.)
    const { s, file } = await faulty({ tokenExpiryMinutes: 1 }, 12);
    const started = Date.now();
    const held = s.hold((_method, path) => path === '/version');
    const running = audit(file, {}, { failOn: 'low' });
    await held.reached;
    // One simulated minute and a little more, in wall time at this speed.
    const left = s.clock.wallMs(61_000) - (Date.now() - started);
    if (left > 0) await new Promise((r) => setTimeout(r, left));
    held.release();
    const { code, report } = await running;

    expect(publishedSchema().safeParse(report).success).toBe(true);
    expect(code).toBe(2);
    expect(report.exitCode).toBe(2);
    const expired = holes(report).filter((h) => h.errorKind === 'unauthenticated');
    // The held request passed the token check already; the steps' later requests meet the
    // expiry. The containers step always reads its owners (ReplicaSets, Jobs) after its pods.
    expect(expired.map((h) => h.id)).toContain('containers');
    for (const h of expired) {
      expect(h.status).toBe('unavailable');
      expect(h.reason).toMatch(/did not accept your credentials|refused your sign-in/);
      expect(h.reason).toMatch(/sign in again or get fresh credentials/);
      expect(h.missing).toMatch(/^not checked: /);
    }
    // Every line of the report is one line, with no HTTP dump and no token.
    const text = renderAudit(report, 'table');
    expect(text).toMatch(/INCOMPLETE: step containers could not finish \(unauthenticated\)/);
    expect(text).not.toMatch(/HTTP-Code|Headers:|Bearer/);
    expect(text).not.toContain(s.arm.token);
  }, 60_000);

  it('429s that outlast the retries: exit 2, throttled (never "forbidden"), the step named', async () => {
    const { file } = await faulty({
      api: 'kube',
      throttle: 1,
      throttleRetryAfter: 0,
      pathPattern: '^/apis/rbac\\.authorization\\.k8s\\.io/',
    });
    const { code, report } = await audit(file, {}, { failOn: 'low' });
    expect(code).toBe(2);
    const rbac = report.steps.find((st) => st.id === 'rbac')!;
    expect(rbac).toMatchObject({ status: 'unavailable', errorKind: 'throttled' });
    expect(rbac.reason).toMatch(/kept throttling requests \(429\) after the retries/);
    expect(rbac.reason).not.toMatch(/forbidden|read access|not allowed|HTTP-Code|\n/i);
    expect(rbac.missing).toBe(
      'not checked: who is bound to which role, directly or through groups',
    );
    // Other steps finished: the hole is exactly where the throttling was.
    expect(holes(report).map((h) => h.id)).toEqual(['rbac']);
  }, 60_000);

  it('--fail-on never loosens a hole: exit 2 at every threshold', async () => {
    const { file } = await faulty({
      api: 'kube',
      throttle: 1,
      throttleRetryAfter: 0,
      pathPattern: '^/apis/rbac\\.authorization\\.k8s\\.io/',
    });
    for (const failOn of ['low', 'high'] as const) {
      expect((await audit(file, {}, { failOn })).code).toBe(2);
    }
  }, 60_000);

  it("the audit's time limit: every step it cuts short is a hole (timeout), the others report", async () => {
    // RBAC reads answer after 20 s; the whole audit may take 2 s. The steps run at once: those
    // that read RBAC objects (rbac, and upgrades' deprecated-API look) are cut short.
    const { file } = await faulty({
      api: 'kube',
      latencyMs: 20_000,
      pathPattern: '^/apis/rbac\\.authorization\\.k8s\\.io/',
    });
    const { code, report, ms } = await audit(file, {}, { timeoutMs: 2_000 });
    expect(code).toBe(2);
    expect(ms).toBeLessThan(10_000);
    expect(holes(report).map((h) => h.id)).toContain('rbac');
    for (const st of holes(report)) {
      expect(st).toMatchObject({ status: 'unavailable', errorKind: 'timeout' });
      expect(st.reason).toMatch(/time limit/);
    }
    // A step that needs no RBAC read finished within the limit and says what it saw.
    for (const id of ['imds', 'drain']) {
      expect(report.steps.find((st) => st.id === id)?.status).toMatch(/^(ok|findings)$/);
    }
  }, 60_000);
});
