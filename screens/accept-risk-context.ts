import { createContext } from 'react';
import type { Finding } from '../src/model/finding.js';
import type { StepId } from '../src/model/checklist.js';
import type { RiskAnswer, RiskOffer } from '../src/waivers/risk-desk.js';

/** "Accept this risk", when offered: where waivers go, and how to send one to the logic. */
export interface AcceptRisk extends RiskOffer {
  accept(step: StepId, finding: Finding, answer: RiskAnswer): void;
}

/** Given by the app shell to every step frame; absent when accepting risks is not offered. */
export const AcceptRiskContext = createContext<AcceptRisk | undefined>(undefined);
