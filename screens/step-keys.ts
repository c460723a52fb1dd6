import type { StepId } from '../src/runbook/checklist.js';
import { FINDINGS_KEYS, type KeyBinding } from './keymap.js';

/**
 * The keys of steps with a screen of their own, for the help overlay (their screens print the
 * short form on a hint line). Steps without an entry use the generic step keys.
 */
export const STEP_SCREEN_KEYS: Partial<Record<StepId, readonly KeyBinding[]>> = {
  drain: [
    { keys: '↑/↓ j/k', does: 'move between nodes' },
    { keys: 'Space', does: 'select or unselect the node' },
    { keys: 'p', does: "select the node's whole pool" },
    { keys: 'r', does: 'select the nodes that need a reboot' },
    { keys: 'c', does: 'clear the selection' },
    { keys: '/', does: 'filter the nodes' },
    { keys: 'Enter', does: 'preview what draining the node would evict, skip or refuse' },
    { keys: 'o', does: 'drain options: DaemonSets, emptyDir data, force, grace period, timeout' },
    {
      keys: 'd',
      does: 'drain the selected nodes (asks first; several nodes: type the cluster name)',
    },
    { keys: 'u', does: 'uncordon a node (asks first)' },
    { keys: 'x / Esc', does: 'while draining: stop (asks first; the node stays cordoned)' },
  ],
  imds: [
    { keys: '↑/↓ j/k', does: 'move between namespaces' },
    { keys: 'Space', does: 'include or exclude the namespace from the change' },
    { keys: 'Enter', does: "the namespace's pods, policies and verdict" },
    { keys: '/', does: 'filter the namespaces' },
    { keys: 'v', does: 'the whole report' },
    {
      keys: 'a',
      does: 'apply the blocking policy to the included namespaces (dry run first, asks)',
    },
    { keys: 'r', does: 'roll back: delete only the policies this tool created (asks)' },
    {
      keys: 'p',
      does: 'probe: a short-lived pod per chosen namespace tries 169.254.169.254:80 (typed confirmation)',
    },
    { keys: 'e', does: 'edit the rule that reopens the endpoint (asks)' },
  ],
  rbac: [
    { keys: 'p', does: 'pick a user bound directly, to replace with an Entra group' },
    { keys: 'r', does: 'replace: dry run, create the group binding, then remove the user (asks)' },
    { keys: 'e', does: 'export the proposed binding as YAML' },
    { keys: 'u', does: 'undo the last replacement of this session (asks)' },
    { keys: 'x', does: 'the bindings left out as built-in or AKS-managed' },
    { keys: '↑/↓ j/k', does: 'scroll the step' },
    ...FINDINGS_KEYS,
  ],
};
