/** One `matchExpressions` entry of a label selector. */
export interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/**
 * A Kubernetes label selector in the API's shape. A missing selector and an empty one differ:
 * see `selectorMatches` in src/checks/label-selector.ts.
 */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: SelectorRequirement[];
}
