import { Box, Text } from 'ink';
import { CHECKLIST, type StepId, type StepStatus } from '../src/runbook/checklist.js';
import { LineInput } from './LineInput.js';
import {
  activeFilter,
  completeJump,
  filterSteps,
  jumpCandidates,
  resolveJump,
  type OverviewView,
} from './overview-view.js';
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
      <OverviewPrompt {...props} shown={visible.length} window={window} />
    </Box>
  );
}

/** The last line: the open prompt, or where the list stands (filter, scrolled part). */
function OverviewPrompt(
  props: ChecklistOverviewProps & { shown: number; window: { start: number; end: number } },
) {
  const { view, onView, active, shown, window } = props;
  const prompt = view.prompt;
  const close = () => onView({ ...view, prompt: undefined });
  if (prompt?.kind === 'filter') {
    return (
      <LineInput
        prompt="/"
        value={prompt.text}
        active={active}
        placeholder="type to filter by id or title"
        onChange={(text) => onView({ ...view, prompt: { kind: 'filter', text } })}
        onSubmit={(text) => onView({ ...view, filter: text.trim(), prompt: undefined })}
        onCancel={() => onView({ ...view, filter: '', prompt: undefined })}
      />
    );
  }
  if (prompt?.kind === 'jump') {
    const candidates = jumpCandidates(prompt.text);
    const jump = (text: string) => {
      const target = resolveJump(text);
      if ('error' in target)
        onView({ ...view, prompt: { kind: 'jump', text, error: target.error } });
      else {
        onView({ selected: target.id, filter: '' });
        props.onOpen(target.id);
      }
    };
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end" color={prompt.error ? theme.danger : theme.muted}>
          {prompt.error ? `✖ ${prompt.error}` : `steps: ${candidates.join(' ') || 'none match'}`}
        </Text>
        <LineInput
          prompt=":"
          value={prompt.text}
          active={active}
          placeholder="step id, Tab completes"
          onChange={(text) => onView({ ...view, prompt: { kind: 'jump', text } })}
          onTab={(text) => onView({ ...view, prompt: { kind: 'jump', text: completeJump(text) } })}
          onSubmit={jump}
          onCancel={close}
        />
      </Box>
    );
  }
  const parts: string[] = [];
  if (view.filter) {
    parts.push(`filter "${view.filter}": ${shown} of ${CHECKLIST.length} steps (Esc clears)`);
  }
  if (window.start > 0 || window.end < shown) {
    parts.push(`showing ${window.start + 1}–${window.end} of ${shown}`);
  }
  return (
    <Text wrap="truncate-end" color={theme.muted}>
      {parts.join(' · ') || ' '}
    </Text>
  );
}
