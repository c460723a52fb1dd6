import { Box } from 'ink';
import { Text } from './VisibleText.js';
import type { SessionMode } from '../src/model/session.js';
import { theme } from './theme.js';

/** The top line: program, cluster name and the safety-mode badges. */
export function Header({
  cluster,
  mode,
  waiting,
}: {
  cluster: string | undefined;
  mode: SessionMode;
  /** A retry wait in progress (throttling), shown after the cluster name while it lasts. */
  waiting?: string | undefined;
}) {
  const badges = modeBadges(mode);
  return (
    <Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate-end">
          <Text bold>aks-runbook</Text>
          {cluster === undefined ? '' : ' · '}
          {cluster === undefined ? null : (
            <Text bold color={theme.accent}>
              {cluster}
            </Text>
          )}
          {waiting ? <Text color={theme.badge}>{` · ${waiting}`}</Text> : null}
        </Text>
      </Box>
      {badges.length > 0 ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text color={theme.badge} bold>
            {badges.map((badge) => `[${badge}]`).join(' ')}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}

/** The badges for the active safety switches, most protective first. */
function modeBadges(mode: SessionMode): string[] {
  const badges: string[] = [];
  if (mode.readOnly) badges.push('READ-ONLY');
  if (mode.dryRun) badges.push('DRY-RUN');
  if (mode.demo) badges.push('DEMO');
  return badges;
}
