import { RIGHTS, type RightKey } from '../../runbook/rights-needed.js';

/** What the preflight learned about one right. */
export type RightAnswer =
  | { state: 'allowed' }
  /** The API said no; `reason` is its explanation when it gave one. */
  | { state: 'denied'; reason?: string }
  /** Could not be asked (no ARM side, permissions unreadable, network): tried on use. */
  | { state: 'unknown'; reason: string };

/** The answers for every right asked, by key. */
export type RightAnswers = Partial<Record<RightKey, RightAnswer>>;

/**
 * Why an action that needs `keys` cannot be offered, or undefined when it can (k9s style: the
 * action is shown with this reason and not bound). Unknown rights do not hide an action: the
 * first refusal from the API is recorded and hides it from then on.
 */
export function whyNot(answers: RightAnswers, keys: readonly RightKey[]): string | undefined {
  const denied = keys.filter((k) => answers[k]?.state === 'denied');
  if (denied.length === 0) return undefined;
  const reasons = [
    ...new Set(denied.map((k) => reasonOf(answers[k])).filter((r) => r !== undefined)),
  ];
  const what = denied.map((k) => RIGHTS[k].label).join(', ');
  return `you may not ${what}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`;
}

/** The API's reason for an answer, if any. */
export function reasonOf(answer: RightAnswer | undefined): string | undefined {
  return answer && answer.state !== 'allowed' ? answer.reason : undefined;
}
