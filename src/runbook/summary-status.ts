import {
  CHECKLIST,
  STEP_IDS,
  stepListed,
  type StepId,
  type StepStatus,
} from '../model/checklist.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import type { StepView } from '../steps/contract/view.js';

/** The more severe of two severities (either may be absent). */
function worse(a: Severity | undefined, b: Severity | undefined): Severity | undefined {
  if (!a || !b) return a ?? b;
  return SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a;
}

/** How many findings a step shows that no waiver accepts, and the worst of them. */
export function openFindings(view: StepView | undefined): { count: number; worst?: Severity } {
  const open = (view?.findings ?? []).filter((f) => !f.waiver);
  const worst = open.reduce<Severity | undefined>((w, f) => worse(w, f.severity), undefined);
  return worst ? { count: open.length, worst } : { count: open.length };
}

/**
 * The statuses as the checklist rows and step titles say them: a step that made a change and
 * still has open findings says how many and the worst, beside what it changed. Pure.
 */
export function withOpenFindings(
  steps: Record<StepId, StepStatus>,
  views: Partial<Record<StepId, StepView>>,
): Record<StepId, StepStatus> {
  const rows = { ...steps };
  for (const id of STEP_IDS) {
    const status = steps[id];
    if (status.kind !== 'changed' || id === 'summary') continue;
    const open = openFindings(views[id]);
    if (open.count > 0)
      rows[id] = {
        kind: 'changed',
        what: status.what,
        findings: open.count,
        ...(open.worst ? { worst: open.worst } : {}),
      };
  }
  return rows;
}

/**
 * The Summary row: the worst state of the steps it sums up, never better. A change that failed
 * first, then steps that could not look (a hole), then steps still looking (running: no count
 * yet), then the findings (how many, the worst severity), then changes made; `ok` only when
 * every other step has looked and is ok. Pure.
 */
export function summaryStatus(
  steps: Record<StepId, StepStatus>,
  views: Partial<Record<StepId, StepView>>,
): StepStatus {
  const others = STEP_IDS.filter((id) => id !== 'summary');
  const failed = others.filter((id) => steps[id].kind === 'failed');
  if (failed.length > 0) return { kind: 'failed', what: `a change on ${failed.join(', ')}` };
  const holes = others.filter((id) => steps[id].kind === 'unavailable');
  if (holes.length > 0) return { kind: 'unavailable', why: `${holes.join(', ')} could not look` };
  // A step still looking may yet find something: no count or "ok" before every verdict is in.
  // A step listed only when relevant (fleet) and not started is not on the checklist at all.
  const pending = CHECKLIST.filter(
    (s) =>
      s.id !== 'summary' &&
      stepListed(s, steps[s.id]) &&
      ['running', 'not-started'].includes(steps[s.id].kind),
  );
  if (pending.length > 0) return { kind: 'running' };
  // Every step's open findings, whatever its status: a step that made a change may still have
  // some (half a replacement, a declined removal), and the row is never better than they are.
  let count = 0;
  let worst: Severity | undefined;
  for (const id of others) {
    const status = steps[id];
    const open = openFindings(views[id]);
    count += status.kind === 'findings' ? status.count : open.count;
    worst = worse(worst, open.worst);
  }
  if (count > 0) return worst ? { kind: 'findings', count, worst } : { kind: 'findings', count };
  const changed = others.filter((id) => steps[id].kind === 'changed');
  if (changed.length > 0) return { kind: 'changed', what: changed.join(', ') };
  return { kind: 'ok' };
}
