import {
  CHECKLIST,
  STEP_IDS,
  stepListed,
  type StepId,
  type StepStatus,
} from '../model/checklist.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import type { StepView } from '../steps/contract/view.js';

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
  let count = 0;
  let worst: Severity | undefined;
  for (const id of others) {
    const status = steps[id];
    if (status.kind !== 'findings') continue;
    count += status.count;
    for (const f of views[id]?.findings ?? []) {
      if (f.waiver) continue;
      if (!worst || SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf(worst)) worst = f.severity;
    }
  }
  if (count > 0) return worst ? { kind: 'findings', count, worst } : { kind: 'findings', count };
  const changed = others.filter((id) => steps[id].kind === 'changed');
  if (changed.length > 0) return { kind: 'changed', what: changed.join(', ') };
  return { kind: 'ok' };
}
