import type { StepId } from '../src/model/checklist.js';
import { LineInput } from './LineInput.js';
import { JumpLine } from './JumpLine.js';
import type { OverviewView } from './overview-view.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';

/** Props of the overview's last line. */
export interface OverviewPromptProps {
  view: OverviewView;
  onView: (view: OverviewView) => void;
  active: boolean;
  onOpen: (id: StepId) => void;
  /** Steps left after the filter. */
  shown: number;
  /** Steps listed with no filter. */
  listed: number;
  /** The part of the list on screen. */
  window: { start: number; end: number };
  /** Columns the prompt may use. */
  width: number;
}

/** The last line: the open prompt, or where the list stands (filter, scrolled part). */
export function OverviewPrompt(props: OverviewPromptProps) {
  const { view, onView, active, shown, listed, window } = props;
  const prompt = view.prompt;
  const close = () => onView({ ...view, prompt: undefined });
  if (prompt?.kind === 'filter') {
    return (
      <LineInput
        prompt="/"
        value={prompt.text}
        active={active}
        placeholder="type to filter by id or title"
        name="checklist filter"
        submitHint="keep the filter"
        cancelHint="clear the filter"
        onChange={(text) => onView({ ...view, prompt: { kind: 'filter', text } })}
        onSubmit={(text) => onView({ ...view, filter: text.trim(), prompt: undefined })}
        onCancel={() => onView({ ...view, filter: '', prompt: undefined })}
      />
    );
  }
  if (prompt?.kind === 'jump') {
    return (
      <JumpLine
        prompt={prompt}
        active={active}
        width={props.width}
        onChange={(next) => onView({ ...view, prompt: { kind: 'jump', ...next } })}
        onJump={(id) => {
          onView({ selected: id, filter: '' });
          props.onOpen(id);
        }}
        onCancel={close}
      />
    );
  }
  const parts: string[] = [];
  if (view.filter) {
    parts.push(`filter "${view.filter}": ${shown} of ${listed} steps (Esc clears)`);
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
