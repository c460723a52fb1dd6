import { CHECKLIST, type StepInfo } from '../model/checklist.js';

/**
 * The steps an audit can run: every checklist step that inspects one cluster, in checklist order
 * (the fleet step acts across clusters: `fleet inventory` and `audit --all-subscriptions` do that).
 */
export const AUDIT_STEPS: readonly StepInfo[] = CHECKLIST.filter(
  (s) => s.id !== 'connect' && s.id !== 'summary' && s.id !== 'fleet',
);
