import { Box, Text } from 'ink';
import type { StepId, StepStatus } from '../src/runbook/checklist.js';
import { OverviewPrompt } from './OverviewPrompt.js';
import { activeFilter, filterSteps, type OverviewView } from './overview-view.js';
import { StepRow } from './StepRow.js';
import { theme } from './theme.js';
import { isDownKey, isQuitKey, isUpKey, useLayerInput } from './use-layer-input.js';
import { listWindow } from './list-window.js';

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
  const visible = filterSteps(activeFilter(view));
  const index = Math.max(
    0,
    visible.findIndex((step) => step.id === view.selected),
  );
  const current = visible[index];
  const move = (by: number) => {
    const next = visible[Math.min(visible.length - 1, Math.max(0, index + by))];
    if (next) onView({ ...view, selected: next.id });
  };

  useLayerInput(
    (input, key) => {
      if (isUpKey(input, key)) move(-1);
      else if (isDownKey(input, key)) move(1);
      else if (key.pageUp) move(-Math.max(1, height - 2));
      else if (key.pageDown) move(Math.max(1, height - 2));
      else if (key.home) move(-visible.length);
      else if (key.end) move(visible.length);
      else if (key.return && current) props.onOpen(current.id);
      else if (input === '/') onView({ ...view, prompt: { kind: 'filter', text: view.filter } });
      else if (input === ':') onView({ ...view, prompt: { kind: 'jump', text: '' } });
      else if (key.escape) onView({ ...view, filter: '' });
      else if (input === '?') props.onHelp();
      else if (input === 't') props.onTranscript?.();
      else if (isQuitKey(input, key)) props.onQuit();
    },
    active && view.prompt === undefined,
  );

  const rows = Math.max(1, height - 1 - (view.prompt?.kind === 'jump' ? 1 : 0));
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
        window={window}
      />
    </Box>
  );
}
