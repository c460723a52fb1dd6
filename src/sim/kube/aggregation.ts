import { R } from './resources.js';
import { fromSelectorObject, matchesLabels } from './selectors.js';
import type { Store } from './store.js';
import { isRecord, arr } from './types.js';

/**
 * The ClusterRole aggregation controller: rewrites `rules` of every ClusterRole with an
 * `aggregationRule` to the union of the rules of the roles its selectors pick. Runs to a fixed
 * point because admin aggregates edit, which aggregates view.
 */
export function aggregateClusterRoles(store: Store): void {
  for (let pass = 0; pass < 5; pass++) {
    let changed = false;
    const roles = store.list(R.clusterroles);
    for (const role of roles) {
      const rule = role['aggregationRule'];
      if (!isRecord(rule) || !Array.isArray(rule['clusterRoleSelectors'])) continue;
      const selectors = rule['clusterRoleSelectors'].map((s) => fromSelectorObject(s));
      const merged: unknown[] = [];
      const seen = new Set<string>();
      for (const other of roles) {
        if (other.metadata.name === role.metadata.name) continue;
        // An empty selector selects every ClusterRole, as apimachinery's LabelSelectorAsSelector.
        if (!selectors.some((s) => s !== undefined && matchesLabels(s, other.metadata.labels)))
          continue;
        const rules = store.get(R.clusterroles, undefined, other.metadata.name)?.['rules'];
        for (const r of arr(rules)) {
          const key = JSON.stringify(r);
          if (!seen.has(key)) {
            seen.add(key);
            merged.push(r);
          }
        }
      }
      const current = store.get(R.clusterroles, undefined, role.metadata.name)!;
      if (JSON.stringify(current['rules'] ?? []) !== JSON.stringify(merged)) {
        store.update(R.clusterroles, { ...current, rules: merged });
        changed = true;
      }
    }
    if (!changed) return;
  }
}
