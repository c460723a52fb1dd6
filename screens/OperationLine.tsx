import { useEffect, useState } from 'react';
import { isOngoing, type RunningOperation } from '../src/model/operation.js';
import { operationLine } from './operation-line.js';
import { theme } from './theme.js';
import { Text } from './VisibleText.js';

/** The running Azure operation, one line under the header on every screen (ticking while it runs). */
export function OperationLine({ op, readOnly }: { op: RunningOperation; readOnly: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  const ticking = isOngoing(op);
  useEffect(() => {
    if (!ticking) return undefined;
    // Once a second while it runs, for the elapsed time.
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  const line = operationLine(op, Math.max(now, op.since), readOnly);
  const color =
    line.tone === 'ok' ? theme.ok : line.tone === 'failed' ? theme.danger : theme.accent;
  return (
    <Text wrap="truncate-end">
      <Text color={color} bold>
        {line.symbol}
      </Text>{' '}
      {line.text}
    </Text>
  );
}
