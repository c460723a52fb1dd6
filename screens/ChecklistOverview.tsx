import { Box } from 'ink';
import type { StepId, StepStatus } from '../src/model/checklist.js';
import { OverviewPrompt } from './OverviewPrompt.js';
import { activeFilter, filterSteps, type OverviewView } from './overview-view.js';
import { StepRow } from './StepRow.js';
import { helpKey, quitKeys } from './common-keys.js';
import { listWindow } from './list-window.js';
import { scrollBinding } from './scroll-keys.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';
import { useKeys } from './use-keys.js';

/** Props of the checklist overview; its view state lives with the app shell. */
export interface ChecklistOverviewProps {
  steps: Record<StepId, StepStatus>;
  view: OverviewView;
  onView: (view: OverviewView) => void;
  /** Lines available, prompt line included. */
  height: number;
  width: number;
  active: boolean;
  onOpen: (id: StepId) => void;
  onHelp: () => void;
  onQuit: () => void;
  onTranscript?: () => void;
}

/** Every checklist step with its status; cursor, `/` filter and `:` jump. */
export function ChecklistOverview(props: ChecklistOverviewProps) {
  const { steps, view, onView, height, width, active } = props;
  const visible = filterSteps(activeFilter(view), steps);
  const index = Math.max(
    0,
    visible.findIndex((step) => step.id === view.selected),
  );
  const current = visible[index];
  const rows = Math.max(1, height - 1 - (view.prompt?.kind === 'jump' ? 1 : 0));
  const to = (i: number) => {
    const next = visible[i];
    if (next) onView({ ...view, selected: next.id });
  };
  useKeys(
    {
      name: 'checklist',
      table: [
        scrollBinding(
          { at: index, last: visible.length - 1, page: Math.max(1, height - 2), to },
          'move between steps',
          'move',
        ),
        {
          keys: ['enter'],
          does: 'open the selected step',
          hint: 'open',
          when: current !== undefined,
          run: () => {
            if (current) props.onOpen(current.id);
          },
        },
        {
          keys: ['/'],
          does: 'filter the checklist (Enter keeps it, Esc clears it)',
          hint: 'filter',
          run: () => onView({ ...view, prompt: { kind: 'filter', text: view.filter } }),
        },
        {
          keys: [':'],
          does: 'jump to a step by its id (Tab completes)',
          hint: 'jump',
          run: () => onView({ ...view, prompt: { kind: 'jump', text: '' } }),
        },
        {
          keys: ['t'],
          does: 'write the Markdown transcript of this session next to its journal',
          when: props.onTranscript !== undefined,
          run: () => props.onTranscript?.(),
        },
        {
          keys: ['escape'],
          does: 'clear the filter',
          hint: 'clear filter',
          when: view.filter !== '',
          run: () => onView({ ...view, filter: '' }),
        },
        helpKey(props.onHelp),
        quitKeys(props.onQuit),
      ],
    },
    active && view.prompt === undefined,
  );

  const window = listWindow(visible.length, index, rows);
  return (
    <Box flexDirection="column">
      {visible.slice(window.start, window.end).map((step) => (
        <StepRow
          key={step.id}
          step={step}
          status={steps[step.id]}
          selected={step.id === current?.id}
          width={width}
        />
      ))}
      {visible.length === 0 ? <Text color={theme.muted}>no step matches the filter</Text> : null}
      <OverviewPrompt
        view={view}
        onView={onView}
        active={active}
        onOpen={props.onOpen}
        shown={visible.length}
        listed={filterSteps('', steps).length}
        window={window}
        width={width}
      />
    </Box>
  );
}
