// Label selectors live with the NetworkPolicy evaluator now; other checks (rbac) import them here.
export {
  describeSelector,
  selectorMatches,
  selectsEverything,
  type LabelSelector,
  type SelectorRequirement,
} from '../netpol/selector.js';
