import {
  CHECKLIST,
  STEP_IDS,
  stepListed,
  type StepId,
  type StepInfo,
  type StepStatus,
} from '../src/model/checklist.js';

/** What the overview shows besides the session: cursor, filter, and an open `/` or `:` prompt. */
export interface OverviewView {
  selected: StepId;
  /** The kept filter (after Enter in the `/` prompt); '' = none. */
  filter: string;
  prompt?: { kind: 'filter' | 'jump'; text: string; error?: string };
}

/** The overview before the operator has touched it. */
export const INITIAL_OVERVIEW: OverviewView = { selected: 'connect', filter: '' };

/** The filter in force: the text being typed in an open `/` prompt, else the kept filter. */
export function activeFilter(view: OverviewView): string {
  return view.prompt?.kind === 'filter' ? view.prompt.text : view.filter;
}

/**
 * The checklist entries whose id or title contains `filter` (case-insensitive), among those
 * listed with the statuses `steps` (a step that applies only sometimes is left out until it does).
 */
export function filterSteps(
  filter: string,
  steps?: Partial<Record<StepId, StepStatus>>,
): readonly StepInfo[] {
  const listed = steps ? CHECKLIST.filter((s) => stepListed(s, steps[s.id])) : CHECKLIST;
  const needle = filter.trim().toLowerCase();
  if (needle === '') return listed;
  return listed.filter(
    (step) => step.id.includes(needle) || step.title.toLowerCase().includes(needle),
  );
}

/** Step ids that could complete what was typed after `:` (prefix first, then anywhere in the id). */
export function jumpCandidates(text: string): StepId[] {
  const needle = text.trim().toLowerCase();
  const prefix = STEP_IDS.filter((id) => id.startsWith(needle));
  return prefix.length > 0 ? prefix : STEP_IDS.filter((id) => id.includes(needle));
}

/** Tab completion: the longest text every candidate starts with, or the text itself. */
export function completeJump(text: string): string {
  const candidates = jumpCandidates(text);
  const first = candidates[0];
  if (first === undefined) return text;
  let common: string = first;
  for (const id of candidates) {
    while (!id.startsWith(common)) common = common.slice(0, -1);
  }
  return common.length > text.trim().length ? common : text;
}

/** The step a `:` prompt names: the exact id, else the only candidate; or why there is none. */
export function resolveJump(text: string): { id: StepId } | { error: string } {
  const needle = text.trim().toLowerCase();
  const exact = STEP_IDS.find((id) => id === needle);
  if (exact) return { id: exact };
  const candidates = jumpCandidates(needle);
  if (candidates.length === 1 && candidates[0]) return { id: candidates[0] };
  if (candidates.length === 0) return { error: `no step is called "${text.trim()}"` };
  return { error: `${candidates.length} steps match; type more or press Tab` };
}
