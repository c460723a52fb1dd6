import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import { useState } from 'react';
import type { DrainOptions } from '../../../src/model/drain.js';
import { theme } from '../../theme.js';
import { helpKey, quitKeys } from '../../common-keys.js';
import type { KeyBinding } from '../../key-table.js';
import { scrollBinding } from '../../scroll-keys.js';
import { useKeys } from '../../use-keys.js';

type Field = {
  label: string;
  value(o: DrainOptions): string;
  toggle?(o: DrainOptions): DrainOptions;
  step?(o: DrainOptions, by: 1 | -1): DrainOptions;
  warn?: string;
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const box = (on: boolean) => (on ? '[x]' : '[ ]');

const FIELDS: Field[] = [
  {
    label: 'Ignore DaemonSets',
    value: (o) => box(o.ignoreDaemonSets),
    toggle: (o) => ({ ...o, ignoreDaemonSets: !o.ignoreDaemonSets }),
  },
  {
    label: 'Delete emptyDir data',
    value: (o) => box(o.deleteEmptyDirData),
    toggle: (o) => ({ ...o, deleteEmptyDirData: !o.deleteEmptyDirData }),
    warn: 'that data is lost',
  },
  {
    label: 'Force pods without a controller',
    value: (o) => box(o.force),
    toggle: (o) => ({ ...o, force: !o.force }),
    warn: 'they are gone for good; typed confirmation',
  },
  {
    label: 'Disable eviction (plain delete)',
    value: (o) => box(o.disableEviction),
    toggle: (o) => ({ ...o, disableEviction: !o.disableEviction }),
    warn: 'PDBs are BYPASSED; typed confirmation',
  },
  {
    label: 'Grace period',
    value: (o) => (o.gracePeriodSeconds === undefined ? "pod's own" : `${o.gracePeriodSeconds}s`),
    step: (o, by) => {
      const next = (o.gracePeriodSeconds ?? -10) + by * 10;
      const { gracePeriodSeconds: _, ...rest } = o;
      return next < 0 ? rest : { ...rest, gracePeriodSeconds: clamp(next, 0, 3600) };
    },
  },
  {
    label: 'Timeout per node',
    value: (o) => `${o.timeoutSeconds}s`,
    step: (o, by) => ({ ...o, timeoutSeconds: clamp(o.timeoutSeconds + by * 30, 30, 86_400) }),
  },
  {
    label: 'Nodes at a time',
    value: (o) => String(o.batchSize),
    step: (o, by) => ({ ...o, batchSize: clamp(o.batchSize + by, 1, 20) }),
  },
];

/** The drain options: Space toggles, ←/→ change numbers, Enter keeps them, Esc drops them. */
export function OptionsForm(props: {
  options: DrainOptions;
  active: boolean;
  onDone: (options: DrainOptions) => void;
  onCancel: () => void;
  onHelp: () => void;
  onQuit: () => void;
}) {
  const [cursor, setCursor] = useState(0);
  const [options, setOptions] = useState(props.options);
  const field = FIELDS[cursor]!;
  const table: KeyBinding[] = [
    scrollBinding(
      { at: cursor, last: FIELDS.length - 1, page: FIELDS.length, to: setCursor },
      'move between the options',
      'move',
    ),
    {
      keys: ['space'],
      does: 'switch the option on or off',
      hint: 'toggle',
      when: field.toggle !== undefined,
      run: () => field.toggle && setOptions(field.toggle(options)),
    },
    {
      keys: ['right', '+'],
      label: '→ +',
      does: 'more (seconds, nodes at a time)',
      when: field.step !== undefined,
      run: () => field.step && setOptions(field.step(options, 1)),
    },
    {
      keys: ['left', '-'],
      label: '← -',
      short: '←/→',
      does: 'less',
      hint: 'change',
      when: field.step !== undefined,
      run: () => field.step && setOptions(field.step(options, -1)),
    },
    {
      keys: ['enter'],
      label: 'Enter',
      does: 'keep these options and go back to the nodes',
      hint: 'keep',
      run: () => props.onDone(options),
    },
    {
      // Esc always backs out: an option switched by mistake (disable eviction) is never kept.
      keys: ['escape'],
      label: 'Esc',
      does: 'back to the nodes with the options as they were (changes here are dropped)',
      hint: 'back, no change',
      run: props.onCancel,
    },
    helpKey(props.onHelp),
    quitKeys(props.onQuit),
  ];
  useKeys({ name: 'drain options', table }, props.active);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Drain options
      </Text>
      {FIELDS.map((f, i) => (
        <Text key={f.label} wrap="truncate-end">
          <Text color={theme.accent}>{i === cursor ? '❯ ' : '  '}</Text>
          {`${f.label.padEnd(32)} ${f.value(options)}`}
          {f.warn ? <Text color={theme.warning}>{`  ! ${f.warn}`}</Text> : null}
        </Text>
      ))}
    </Box>
  );
}
