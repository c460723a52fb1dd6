// Writes src/sim/kube/proto/schema.ts: the protobuf shape of the Kubernetes types the simulated API
// server decodes, read from the Kubernetes API definitions themselves (k8s.io/api and
// k8s.io/apimachinery at one release): field numbers and message types from generated.proto, JSON
// names, inlining and Go pointers (whether a zero value was set on purpose) from the types.go tags.
//
//   node scripts/sim-proto-schema.mjs <k8s.io/api git dir> <k8s.io/apimachinery git dir> [ref]
//
// (git dirs as `git clone --bare` or a mirror gives them; ref defaults to release-1.32.)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [apiDir, machineryDir, ref = 'release-1.32'] = process.argv.slice(2);
if (!apiDir || !machineryDir) {
  console.error(
    'usage: node scripts/sim-proto-schema.mjs <api git dir> <apimachinery git dir> [ref]',
  );
  process.exit(2);
}

/** Package folders: [repo dir, path, proto package]. */
const PACKAGES = [
  [apiDir, 'core/v1', 'k8s.io.api.core.v1'],
  [apiDir, 'apps/v1', 'k8s.io.api.apps.v1'],
  [apiDir, 'batch/v1', 'k8s.io.api.batch.v1'],
  [apiDir, 'policy/v1', 'k8s.io.api.policy.v1'],
  [apiDir, 'rbac/v1', 'k8s.io.api.rbac.v1'],
  [apiDir, 'networking/v1', 'k8s.io.api.networking.v1'],
  [apiDir, 'authorization/v1', 'k8s.io.api.authorization.v1'],
  [apiDir, 'authentication/v1', 'k8s.io.api.authentication.v1'],
  [apiDir, 'autoscaling/v1', 'k8s.io.api.autoscaling.v1'],
  [apiDir, 'coordination/v1', 'k8s.io.api.coordination.v1'],
  [apiDir, 'flowcontrol/v1beta3', 'k8s.io.api.flowcontrol.v1beta3'],
  [machineryDir, 'pkg/apis/meta/v1', 'k8s.io.apimachinery.pkg.apis.meta.v1'],
  [machineryDir, 'pkg/runtime', 'k8s.io.apimachinery.pkg.runtime'],
  [machineryDir, 'pkg/util/intstr', 'k8s.io.apimachinery.pkg.util.intstr'],
  [machineryDir, 'pkg/api/resource', 'k8s.io.apimachinery.pkg.api.resource'],
];

/** The kinds whose bodies clients send; everything they reach is kept. */
const ROOTS = [
  'core.v1.Namespace',
  'core.v1.Node',
  'core.v1.Pod',
  'core.v1.ServiceAccount',
  'core.v1.Secret',
  'core.v1.ConfigMap',
  'core.v1.Event',
  'apps.v1.Deployment',
  'apps.v1.ReplicaSet',
  'apps.v1.StatefulSet',
  'apps.v1.DaemonSet',
  'batch.v1.Job',
  'batch.v1.CronJob',
  'policy.v1.PodDisruptionBudget',
  'policy.v1.Eviction',
  'rbac.v1.Role',
  'rbac.v1.ClusterRole',
  'rbac.v1.RoleBinding',
  'rbac.v1.ClusterRoleBinding',
  'networking.v1.NetworkPolicy',
  'authorization.v1.SelfSubjectAccessReview',
  'authorization.v1.SelfSubjectRulesReview',
  'authorization.v1.SubjectAccessReview',
  'authentication.v1.SelfSubjectReview',
  'autoscaling.v1.Scale',
  'coordination.v1.Lease',
  'flowcontrol.v1beta3.FlowSchema',
  'flowcontrol.v1beta3.PriorityLevelConfiguration',
  'meta.v1.DeleteOptions',
];

/** Messages the decoder converts to their JSON form itself (times, quantities, int-or-string, raw JSON). */
const SPECIAL = new Set([
  'meta.v1.Time',
  'meta.v1.MicroTime',
  'meta.v1.Duration',
  'meta.v1.FieldsV1',
  'resource.Quantity',
  'intstr.IntOrString',
  'runtime.RawExtension',
]);

const show = (dir, path) =>
  execFileSync('git', ['--git-dir', dir, 'show', `${ref}:${path}`]).toString('utf8');

/** `k8s.io.api.core.v1.PodSpec` -> `core.v1.PodSpec`. */
function shortName(full) {
  return full
    .replace(/^\./, '')
    .replace(/^k8s\.io\.api\./, '')
    .replace(/^k8s\.io\.apimachinery\.pkg\.apis\./, '')
    .replace(/^k8s\.io\.apimachinery\.pkg\.(api\.|util\.)?/, '');
}

/** generated.proto: message -> field number -> { type, label }. */
function parseProto(text, pkg) {
  const out = new Map();
  let current;
  for (const line of text.split('\n')) {
    const m = /^message (\w+) \{/.exec(line);
    if (m) {
      current = new Map();
      out.set(shortName(`${pkg}.${m[1]}`), current);
      continue;
    }
    if (!current) continue;
    const map = /^\s+map<(\S+), (\S+)> (\w+) = (\d+);/.exec(line);
    if (map) {
      current.set(Number(map[4]), { label: 'map', type: qualify(map[2], pkg), name: map[3] });
      continue;
    }
    const f = /^\s+(optional|repeated|required) (\S+) (\w+) = (\d+);/.exec(line);
    if (f) current.set(Number(f[4]), { label: f[1], type: qualify(f[2], pkg), name: f[3] });
  }
  return out;
}

const SCALARS = new Set([
  'string',
  'bytes',
  'bool',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'double',
  'float',
  'fixed64',
  'sfixed64',
  'fixed32',
  'sfixed32',
  'sint32',
  'sint64',
]);

function qualify(type, pkg) {
  if (SCALARS.has(type)) return type;
  return shortName(type.startsWith('.') ? type : `${pkg}.${type}`);
}

/** Doc comment lines as OpenAPI descriptions have them: markers (`+optional`) and `---` dropped. */
function description(lines) {
  const kept = [];
  for (const l of lines) {
    if (/^\+/.test(l) || /^TODO/.test(l)) continue;
    if (l === '---') break;
    kept.push(l);
  }
  return kept
    .join('\n')
    .replace(/([^\n])\n(?!\n)/g, '$1 ')
    .trim();
}

/** Doc comments of structs and their fields (kubectl explain shows them), by struct then JSON name. */
const docs = new Map();
/** Structs marked `+structType=atomic`: server-side apply owns them as one value. */
const atomicStructs = new Set();

/** types.go: struct -> field number -> { json, pointer, inline, patch, listType, listKeys }. */
function parseGo(text, pkg) {
  const out = new Map();
  let current;
  let currentDocs;
  let notes = [];
  let comment = [];
  for (const line of text.split('\n')) {
    const s = /^type (\w+) struct \{/.exec(line);
    if (s) {
      current = new Map();
      out.set(shortName(`${pkg}.${s[1]}`), current);
      currentDocs = { doc: description(comment), fields: {} };
      docs.set(shortName(`${pkg}.${s[1]}`), currentDocs);
      if (comment.some((l) => l.trim() === '+structType=atomic'))
        atomicStructs.add(shortName(`${pkg}.${s[1]}`));
      notes = [];
      comment = [];
      continue;
    }
    const text = /^\s*\/\/ ?(.*)$/.exec(line);
    if (!current) {
      if (text) comment.push(text[1]);
      else comment = [];
      continue;
    }
    if (!current) continue;
    if (/^\}/.test(line)) {
      current = undefined;
      continue;
    }
    const c = /^\s*\/\/ \+(\w+)=(.*)$/.exec(line);
    if (c) {
      notes.push([c[1], c[2].trim()]);
      continue;
    }
    if (text) {
      comment.push(text[1]);
      continue;
    }
    const f = /^\s*(?:(\w+)\s+)?(\S+)\s+`(.*)`\s*$/.exec(line);
    if (!f) {
      if (line.trim() === '') {
        notes = [];
        comment = [];
      }
      continue;
    }
    const tags = f[3];
    const pb = /protobuf:"(\w+),(\d+),(\w+)/.exec(tags);
    const json = /json:"([^"]*)"/.exec(tags);
    const field = {
      json: json ? json[1].split(',')[0] : '',
      inline: json ? json[1].split(',').includes('inline') : false,
      pointer: f[2].startsWith('*'),
      patchStrategy: /patchStrategy:"([^"]*)"/.exec(tags)?.[1] ?? '',
      patchKey: /patchMergeKey:"([^"]*)"/.exec(tags)?.[1] ?? '',
      listType: notes.find(([k]) => k === 'listType')?.[1] ?? '',
      listKeys: notes.filter(([k]) => k === 'listMapKey').map(([, v]) => v),
      mapType: notes.find(([k]) => k === 'mapType')?.[1] ?? '',
      structType: notes.find(([k]) => k === 'structType')?.[1] ?? '',
    };
    notes = [];
    if (field.json && field.json !== '-') currentDocs.fields[field.json] = description(comment);
    comment = [];
    if (pb) current.set(Number(pb[2]), field);
  }
  return out;
}

const proto = new Map();
const go = new Map();
for (const [dir, path, pkg] of PACKAGES) {
  for (const [k, v] of parseProto(show(dir, `${path}/generated.proto`), pkg)) proto.set(k, v);
  const goFiles =
    path === 'pkg/apis/meta/v1' ? ['types.go'] : path.startsWith('pkg/') ? [] : ['types.go'];
  for (const file of goFiles)
    for (const [k, v] of parseGo(show(dir, `${path}/${file}`), pkg)) go.set(k, v);
}

// Walk from the roots; every reachable message gets its fields.
const out = new Map();
const queue = [...ROOTS];
while (queue.length) {
  const name = queue.shift();
  if (out.has(name) || SPECIAL.has(name)) continue;
  const fields = proto.get(name);
  if (!fields) throw new Error(`no message ${name} in the protos read`);
  const goFields = go.get(name) ?? new Map();
  const rows = [];
  for (const [num, f] of [...fields].sort((a, b) => a[0] - b[0])) {
    const g = goFields.get(num);
    const flags =
      (f.label === 'repeated' ? 'r' : '') +
      (f.label === 'map' ? 'k' : '') +
      (g?.pointer ? 'p' : '') +
      (g?.inline ? 'i' : '');
    const json = g?.json || f.name;
    const merge = [];
    if (g?.patchStrategy) merge.push(`strategy=${g.patchStrategy}`);
    if (g?.patchKey) merge.push(`key=${g.patchKey}`);
    if (g?.listType) merge.push(`list=${g.listType}`);
    if (g?.listKeys.length) merge.push(`keys=${g.listKeys.join('+')}`);
    if (g?.mapType) merge.push(`map=${g.mapType}`);
    if (g?.structType) merge.push(`struct=${g.structType}`);
    const row = [num, g?.inline ? '' : json, f.type, flags];
    if (merge.length) row.push(merge.join(';'));
    rows.push(row);
    if (!SCALARS.has(f.type)) queue.push(f.type);
  }
  out.set(name, rows);
}

const lines = [
  '// Generated by scripts/sim-proto-schema.mjs from the Kubernetes API definitions',
  `// (k8s.io/api and k8s.io/apimachinery ${ref}: generated.proto and types.go). Do not edit.`,
  '//',
  '// Each message: [field number, JSON name ("" = inlined), type, flags, patch/list notes].',
  '// Flags: r repeated, k map (type = value type), p Go pointer (a zero value was set on purpose),',
  '// i inlined into the parent in JSON. Notes: strategy=, key= (strategic merge), list=, keys= (+listType),',
  '// map=, struct= (+mapType, +structType of the field).',
  "import type { ProtoField } from './types.js';",
  '',
  'export const MESSAGES: Record<string, ProtoField[]> = {',
];
for (const [name, rows] of [...out].sort((a, b) => a[0].localeCompare(b[0]))) {
  lines.push(`  '${name}': [`);
  for (const r of rows) lines.push(`    ${JSON.stringify(r).replace(/"/g, "'")},`);
  lines.push('  ],');
}
lines.push('};', '');
lines.push(
  '/** Structs the API marks `+structType=atomic`: server-side apply owns each as one value. */',
  'export const ATOMIC_STRUCTS: ReadonlySet<string> = new Set([',
  ...[...atomicStructs]
    .filter((n) => out.has(n))
    .sort()
    .map((n) => `  '${n}',`),
  ']);',
  '',
);
writeFileSync(new URL('../src/sim/kube/proto/schema.ts', import.meta.url), lines.join('\n'));

// The descriptions, compressed: they are most of the size and only `kubectl explain` reads them.
const reachableDocs = {};
for (const name of [...out.keys(), 'meta.v1.TypeMeta']) {
  const d = docs.get(name);
  if (d) reachableDocs[name] = d;
}
const packed = gzipSync(Buffer.from(JSON.stringify(reachableDocs))).toString('base64');
const docLines = [
  '// Generated by scripts/sim-proto-schema.mjs from the doc comments of the Kubernetes API types',
  `// (k8s.io/api and k8s.io/apimachinery ${ref}, types.go). Do not edit.`,
  '// gzip + base64 of JSON: message -> { doc, fields: { jsonName: doc } }.',
  '',
  // An array, not a chain of `+`: parsers recurse on each `+` and overflow on ~1000 of them.
  'export const PACKED_DOCS = [',
  ...packed.match(/.{1,96}/g).map((chunk) => `  '${chunk}',`),
  "].join('');",
  '',
];
writeFileSync(new URL('../src/sim/kube/proto/docs.ts', import.meta.url), docLines.join('\n'));
console.log(`${out.size} messages, docs ${packed.length} bytes packed`);
