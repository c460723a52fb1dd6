import { Box } from 'ink';
import type { StepId, StepStatus } from '../src/model/checklist.js';
import { CHECKLIST } from '../src/model/checklist.js';
import type { ClusterSummary } from '../src/model/cluster-summary.js';
import { ChecklistOverview } from './ChecklistOverview.js';
import { ClusterCard, clusterCardHeight } from './ClusterCard.js';
import type { OverviewView } from './overview-view.js';
import { ResumeDialog, type ResumeChoice } from './ResumeDialog.js';
import type { ResumeOffer } from '../src/runbook/resume.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';

/** Props of the overview screen. */
export interface OverviewScreenProps {
  cluster: ClusterSummary;
  armMissing: string | undefined;
  steps: Record<StepId, StepStatus>;
  view: OverviewView;
  onView: (view: OverviewView) => void;
  width: number;
  height: number;
  active: boolean;
  onOpen: (id: StepId) => void;
  onHelp: () => void;
  onQuit: () => void;
  onTranscript?: () => void;
  /** One line under the checklist (where the transcript went). */
  notice?: string | undefined;
  /** An interrupted earlier session: its dialog takes the keys until answered. */
  resume?: ResumeOffer | undefined;
  onResume?: (choice: ResumeChoice) => void;
}

/** The cluster card above the checklist, sized so both fit the terminal's height. */
export function OverviewScreen(props: OverviewScreenProps) {
  const { cluster, armMissing, notice, resume, onResume } = props;
  if (resume && onResume) {
    return (
      <ResumeDialog
        offer={resume}
        active={props.active}
        onChoice={onResume}
        width={props.width}
        height={props.height}
      />
    );
  }
  const height = props.height - (notice ? 1 : 0);
  const maxPools = cardPools(cluster, armMissing, height);
  const cardLines = maxPools === 0 ? 0 : clusterCardHeight(cluster, armMissing, maxPools) + 1;
  return (
    <Box flexDirection="column">
      {maxPools > 0 ? (
        <Box marginBottom={1}>
          <ClusterCard cluster={cluster} armMissing={armMissing} maxPools={maxPools} />
        </Box>
      ) : null}
      <ChecklistOverview {...props} height={height - cardLines} />
      {notice ? (
        <Text color={theme.muted} wrap="truncate-middle">
          {notice}
        </Text>
      ) : null}
    </Box>
  );
}

/** The most pool rows (up to 4) that leave the whole checklist visible; 0 = leave the card out. */
function cardPools(
  cluster: ClusterSummary,
  armMissing: string | undefined,
  height: number,
): number {
  const listNeeds = Math.min(CHECKLIST.length + 1, 8);
  for (let pools = 4; pools >= 1; pools--) {
    if (height - clusterCardHeight(cluster, armMissing, pools) - 1 >= listNeeds) return pools;
  }
  return 0;
}
