// Label selectors live with the NetworkPolicy evaluator now; other checks (rbac) import them here.
export { describeSelector, selectorMatches, selectsEverything } from '../netpol/selector.js';
