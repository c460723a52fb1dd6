import { useAnimation } from 'ink';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner followed by what is being waited for. */
export function Spinner({ label }: { label: string }) {
  const { frame } = useAnimation({ interval: 100 });
  return (
    <Text wrap="truncate-end">
      <Text color={theme.accent}>{FRAMES[frame % FRAMES.length]}</Text> {label}
    </Text>
  );
}
