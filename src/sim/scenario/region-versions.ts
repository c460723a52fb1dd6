// The region's Kubernetes versions for an imported scenario: a KubernetesVersions list when given,
// else the built-in region's, always including the versions the cluster and its pools run.
import { parse } from 'yaml';
import { REGION_VERSIONS } from '../scenarios/versions.js';
import { VERSION, field, isObj, str, type Json } from './arm-fields.js';

/** The region's versions: from a KubernetesVersions list, else the built-in list plus the cluster's own. */
export function versionsOf(list: Json | undefined, used: string[]): Json[] {
  const out = new Map<string, Json>();
  const values = Array.isArray(field(list, 'values')) ? (field(list, 'values') as unknown[]) : [];
  for (const v of values.filter(isObj)) {
    const minor = str(field(v, 'version'));
    const patches = Object.keys(
      isObj(field(v, 'patchVersions')) ? (field(v, 'patchVersions') as Json) : {},
    ).filter((x) => VERSION.test(x));
    if (!minor || patches.length === 0) continue;
    const entry: Json = { version: minor, patches };
    if (field(v, 'isPreview') === true) entry['isPreview'] = true;
    if (field(v, 'isDefault') === true) entry['isDefault'] = true;
    const plans = field(field(v, 'capabilities'), 'supportPlan');
    if (Array.isArray(plans) && plans.includes('AKSLongTermSupport')) entry['lts'] = true;
    out.set(minor, entry);
  }
  if (out.size === 0)
    for (const v of (parse(REGION_VERSIONS) as { kubernetesVersions: Json[] }).kubernetesVersions)
      out.set(String(v['version']), v);
  for (const u of used) {
    const minor = u.split('.').slice(0, 2).join('.');
    const entry = out.get(minor) ?? { version: minor, patches: [] };
    const patches = entry['patches'] as string[];
    if (!patches.includes(u))
      entry['patches'] = [...patches, u].sort((a, b) =>
        a.localeCompare(b, undefined, { numeric: true }),
      );
    out.set(minor, entry);
  }
  return [...out.values()].sort((a, b) =>
    String(a['version']).localeCompare(String(b['version']), undefined, { numeric: true }),
  );
}

/** The default patch of the built-in region list (for a cluster whose body names no version). */
export function regionDefault(): string {
  const doc = parse(REGION_VERSIONS) as {
    kubernetesVersions: Array<{ patches: string[]; isDefault?: boolean }>;
  };
  const list = doc.kubernetesVersions;
  const d = list.find((v) => v.isDefault) ?? list.at(-1)!;
  return d.patches.at(-1)!;
}
