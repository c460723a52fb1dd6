import type { Finding } from '../../model/finding.js';
import { RIGHTS, RIGHTS_NEEDED, type RightKey, type StepNeeds } from '../../model/rights.js';
import { reasonOf } from './answers.js';
import { type RightAnswers } from '../../model/rights.js';

/**
 * Findings of the rights preflight, one per step at most for each kind: a step that may not read
 * what it checks would otherwise report a clean result it never saw (`rights.read-forbidden`),
 * and a step whose changes are refused says so up front (`rights.change-forbidden`).
 */
export function rightsFindings(
  answers: RightAnswers,
  needs: readonly StepNeeds[] = RIGHTS_NEEDED,
): Finding[] {
  const findings: Finding[] = [];
  for (const need of needs) {
    const unreadable = need.read.filter((k) => answers[k]?.state === 'denied');
    if (unreadable.length > 0) {
      findings.push({
        id: 'rights.read-forbidden',
        severity: 'medium',
        object: { kind: 'Step', name: need.step },
        message: `The ${need.step} step could not check everything: forbidden to ${describe(unreadable, answers)}. Its results are incomplete, not clean.`,
        remediation: `Ask your cluster admin for a role that lets you ${labels(unreadable)}, then open the step again.`,
      });
    }
    const unchangeable = need.write.filter((k) => answers[k]?.state === 'denied');
    if (unchangeable.length > 0) {
      findings.push({
        id: 'rights.change-forbidden',
        severity: 'info',
        object: { kind: 'Step', name: need.step },
        message: `The ${need.step} step can look but not change: forbidden to ${describe(unchangeable, answers)}.`,
        remediation: `Its changes are shown with this reason and not offered. To make them, ask for a role that lets you ${labels(unchangeable)}.`,
      });
    }
  }
  return findings;
}

function labels(keys: readonly RightKey[]): string {
  return keys.map((k) => RIGHTS[k].label).join(', ');
}

function describe(keys: readonly RightKey[], answers: RightAnswers): string {
  const reasons = [...new Set(keys.map((k) => reasonOf(answers[k])).filter(Boolean))];
  return `${labels(keys)}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`;
}
