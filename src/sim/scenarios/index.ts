import { demo } from './demo.js';
import { azureRbac } from './azure-rbac.js';
import { imdsMixed } from './imds-mixed.js';
import { drainNoCordon } from './drain.js';
import { drainKubectl } from './drain-kubectl.js';
import { fleet } from './fleet.js';
import { hostile } from './hostile.js';
import { huge, large } from './large.js';
import { minimal } from './minimal.js';
import { limitedRights, strictPdb } from './small.js';
import { rbacAuditor } from './rbac-auditor.js';
import { rbacReview } from './rbac-review.js';
import type { BuiltInScenario } from './types.js';
import { upgradeReadiness } from './upgrade-readiness.js';

export type { BuiltInScenario } from './types.js';

/** The scenarios shipped with the program, by name (`--demo` uses `demo`). */
export const builtInScenarios: Record<string, () => BuiltInScenario> = {
  demo,
  large,
  huge,
  minimal,
  'strict-pdb': strictPdb,
  'limited-rights': limitedRights,
  'rbac-auditor': rbacAuditor,
  'rbac-review': rbacReview,
  'imds-mixed': imdsMixed,
  'drain-no-cordon': drainNoCordon,
  'drain-kubectl': drainKubectl,
  hostile,
  'upgrade-readiness': upgradeReadiness,
  'azure-rbac': azureRbac,
  fleet,
};
