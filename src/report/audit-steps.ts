import { CHECKLIST, type StepInfo } from '../model/checklist.js';

/** The steps an audit can run: every checklist step that inspects something, in checklist order. */
export const AUDIT_STEPS: readonly StepInfo[] = CHECKLIST.filter(
  (s) => s.id !== 'connect' && s.id !== 'summary',
);
