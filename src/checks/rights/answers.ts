import { RIGHTS, type RightAnswer, type RightAnswers, type RightKey } from '../../model/rights.js';

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
