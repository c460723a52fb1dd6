// The arrows of docs/architecture.md: which folders each folder may import. ESLint holds them
// (import-x/no-restricted-paths, built from this table in eslint.config.js) and
// scripts/folder-cycles.mjs proves the folder graph has no cycle.

/** Folder -> the folders it may import. `src/model` is the leaf every folder may use. */
export const LAYERS = {
  'src/model': [],
  'src/kube': ['src/model'],
  'src/azure': ['src/model'],
  'src/checks': ['src/model'],
  'src/report': ['src/model'],
  'src/sim': ['src/model'],
  // Microsoft Graph (directory names): the cloud's endpoints come from src/azure.
  'src/graph': ['src/model', 'src/azure'],
  // Waivers and baselines read and amend audit reports.
  'src/waivers': ['src/model', 'src/report'],
  'src/target': ['src/model', 'src/kube', 'src/azure', 'src/checks', 'src/graph'],
  'src/steps': ['src/model', 'src/kube', 'src/azure', 'src/checks', 'src/report', 'src/target'],
  'src/runbook': [
    'src/model',
    'src/kube',
    'src/azure',
    'src/checks',
    'src/report',
    'src/target',
    'src/steps',
    'src/sim',
    'src/waivers',
  ],
  // Many clusters: the inventory (Resource Graph) and Fleet Manager update runs, reached as the
  // runbook reaches one cluster (sign-in or simulator), with the same checks and renderers.
  'src/fleet': [
    'src/model',
    'src/kube',
    'src/azure',
    'src/checks',
    'src/report',
    'src/target',
    'src/runbook',
  ],
  // A baseline may be the last audit record the runbook wrote.
  'src/baseline': ['src/model', 'src/report', 'src/runbook'],
  'src/cli': [
    'src/model',
    'src/kube',
    'src/azure',
    'src/checks',
    'src/report',
    'src/target',
    'src/steps',
    'src/runbook',
    'src/sim',
    'src/waivers',
    'src/baseline',
    'src/fleet',
    'screens',
  ],
  // Screens render state: model types, the session's state, each step's view types, and whether
  // a finding may be waived.
  screens: ['src/model', 'src/runbook', 'src/steps', 'src/waivers'],
};

/** What screens may import from src/steps: the view types a step hands its screen. */
export const STEP_VIEW_FILES = [
  'src/steps/*/state.ts',
  'src/steps/contract/*.ts',
  'src/steps/registry-types.ts',
];

/** The folder of a source file given relative to the repository root, or undefined. */
export function folderOf(file) {
  const parts = file.split('/');
  if (parts[0] === 'screens') return 'screens';
  if (parts[0] !== 'src') return undefined;
  // A file at the top of src/ belongs to the folder of the same name (src/cli.ts -> src/cli).
  return parts.length === 2 ? `src/${parts[1].replace(/\.tsx?$/, '')}` : `src/${parts[1]}`;
}
