import { Box, useApp, useWindowSize } from 'ink';
import { createElement, useContext, useState } from 'react';
import { CHECKLIST, type StepId } from '../src/model/checklist.js';
import type { SessionStore } from '../src/runbook/session.js';
import type { AppActions, QuitHow } from './app-actions.js';
import { ConnectionScreen } from './ConnectionScreen.js';
import { Header } from './Header.js';
import { OperationLine } from './OperationLine.js';
import { KeyBusContext } from './key-context.js';
import type { KeyBinding } from './key-table.js';
import { KeyHints } from './KeyHints.js';
import { baseLayer, topLayer } from './layers.js';
import { INITIAL_OVERVIEW, type OverviewView } from './overview-view.js';
import { quitReasons } from './quit-reasons.js';
import { shownStatuses } from './step-status.js';
import { withOpenFindings } from '../src/runbook/summary-status.js';
import { STEP_SCREENS } from './step-screens.js';
import { Confirmation, Frame, Help, Overview, Picker, Quit } from './lazy-shell.js';
import { back, handOver, onTop, openFromChecklist, type StepStack } from './step-stack.js';
import type { StepScreenProps } from './step-screen-props.js';
import type { SessionState } from '../src/runbook/session.js';
import { useSession } from './use-session.js';
import { theme } from './theme.js';
import { Text } from './VisibleText.js';
import { AcceptRiskContext, type AcceptRisk } from './accept-risk-context.js';
import { CopyContext } from './copy-context.js';
import { JumpContext } from './JumpHost.js';

/** Props of the app shell. */
export interface AppProps {
  store: SessionStore;
  actions: AppActions;
}

/** The app shell: header, the screen for the session's state with its overlays, and key hints. */
export function App({ store, actions }: AppProps) {
  const state = useSession(store);
  const { columns, rows } = useWindowSize();
  const { exit } = useApp();
  // The steps opened on the way here: Esc returns to the one below (see `step-stack`).
  const [stack, setStack] = useState<StepStack>([]);
  const openStep = onTop(stack);
  const setOpenStep = (id: StepId) => setStack(openFromChecklist(id));
  // The logic may take the operator to another step (a failed upgrade hands over to drain):
  // adjusted while rendering, React's way of following a value that changes from outside.
  const [seenFocus, setSeenFocus] = useState(0);
  if (state.focus && state.focus.seq !== seenFocus) {
    setSeenFocus(state.focus.seq);
    setStack(handOver(stack, state.focus.step));
  }
  const bus = useContext(KeyBusContext);
  // The keys of the screen `?` was pressed on, as they were then.
  const [help, setHelp] = useState<{ name: string; bindings: KeyBinding[] }>();
  const [quitAsked, setQuitAsked] = useState(false);
  const [view, setView] = useState<OverviewView>(INITIAL_OVERVIEW);

  const base = baseLayer(state, openStep);
  const top = topLayer(base, {
    quitAsked,
    confirming: !!state.confirmation,
    helpOpen: help !== undefined,
  });
  const [asked, setAsked] = useState<QuitHow>();
  const quit = (how?: QuitHow) => {
    actions.onQuit(how ?? asked);
    exit();
  };
  const leftBehind = quitReasons(state);
  const requestQuit = (how?: QuitHow) => {
    if (leftBehind.length === 0) return quit(how);
    setAsked(how);
    setQuitAsked(true);
  };
  const openHelp = () => setHelp(bus?.helpSnapshot());
  // Header and footer take a line each (and the running operation one more); one spare line
  // keeps Ink from repainting the whole screen.
  // A journal that cannot be written is said above everything, on every screen.
  const failure = state.journalFailure && `✖ ${state.journalFailure}`;
  const failureRows = failure ? Math.ceil(failure.length / Math.max(1, columns)) : 0;
  const height = Math.max(4, rows - 3 - failureRows - (state.operation ? 1 : 0));

  // A step whose Azure operation runs says so on its row and title, not only in the header.
  // A step that changed something and still has open findings says so there too.
  const steps = withOpenFindings(shownStatuses(state.steps, state.operation), state.stepViews);

  /** A dialog or the help on top of the screen, if one is open. */
  const overlay = () => {
    if (top === 'quit') {
      return (
        <Quit.Screen
          active
          onStay={() => setQuitAsked(false)}
          onQuit={quit}
          reasons={
            leftBehind.length > 0
              ? leftBehind
              : ['Nothing is left running any more: quitting now leaves nothing behind.']
          }
          working={state.busy}
          width={columns}
          height={height}
        />
      );
    }
    if (top === 'confirm' && state.confirmation) {
      const request = state.confirmation;
      return (
        <Confirmation.Screen
          key={state.asked}
          request={request}
          active
          onAnswer={store.answer}
          width={columns}
          height={height}
          copy={{
            onCopy: actions.onCopyCommands,
            file: state.commands?.file,
            copied: state.commands?.asked === state.asked ? state.commands?.copied : undefined,
          }}
        />
      );
    }
    if (top === 'help' && help) {
      return (
        <Help.Screen
          screen={help.name}
          keys={help.bindings}
          active
          onClose={() => setHelp(undefined)}
          onQuit={requestQuit}
          width={columns}
          height={height}
        />
      );
    }
    return undefined;
  };

  /** The opened step's screen; `active` is false while a dialog or the help is over it. */
  const stepScreen = (active: boolean) => {
    const step = CHECKLIST.find((entry) => entry.id === openStep);
    if (!step || state.connection.phase !== 'connected') return undefined;
    const goBack = () => {
      setStack(back(stack));
      actions.onCloseStep?.(step.id);
    };
    const common = {
      step,
      status: steps[step.id],
      view: state.stepViews[step.id] ?? {},
      width: columns,
      height,
      active,
      onBack: goBack,
      onHelp: openHelp,
      onQuit: requestQuit,
    };
    const own = ownScreen(step.id, common, state, actions);
    if (own) return own;
    return (
      <Frame.Screen
        key={step.id}
        step={step}
        status={steps[step.id]}
        {...state.stepViews[step.id]}
        onAction={(key) => actions.onStepEvent?.(step.id, { type: 'action', key })}
        width={columns}
        height={height}
        active={active}
        onBack={goBack}
        onHelp={openHelp}
        onQuit={requestQuit}
      />
    );
  };

  /** The screen when no step is open: picking a cluster, connecting, or the checklist. */
  const body = () => {
    const connection = state.connection;
    if (state.pick && connection.phase === 'connecting') {
      return (
        <Picker.Screen
          choice={state.pick}
          height={height}
          active
          onPick={(cluster) => actions.onPickCluster?.(cluster)}
          onHelp={openHelp}
          onQuit={requestQuit}
        />
      );
    }
    if (connection.phase !== 'connected') {
      return (
        <ConnectionScreen connection={connection} active onHelp={openHelp} onQuit={requestQuit} />
      );
    }
    return (
      <Overview.Screen
        cluster={connection.cluster}
        armMissing={connection.armMissing}
        steps={steps}
        view={view}
        onView={setView}
        width={columns}
        height={height}
        active
        onOpen={(id) => {
          setOpenStep(id);
          actions.onOpenStep?.(id);
        }}
        onHelp={openHelp}
        onQuit={requestQuit}
        onTranscript={actions.onTranscript}
        notice={state.notice}
        resume={state.resume}
        onResume={(choice) => {
          if (choice.kind === 'open') setOpenStep(choice.step);
          actions.onResume?.(choice);
        }}
      />
    );
  };

  // `:` on a step screen: the named step opens as if from the checklist (Esc goes back there).
  const jump = (id: StepId) => {
    setView({ selected: id, filter: '' });
    if (id === openStep) return;
    if (openStep) actions.onCloseStep?.(openStep);
    setOpenStep(id);
    actions.onOpenStep?.(id);
  };
  const shownOverlay = overlay();
  const shownStep = stepScreen(!shownOverlay);
  const offer = state.acceptRisk;
  const onAcceptRisk = actions.onAcceptRisk;
  const risk: AcceptRisk | undefined =
    offer && onAcceptRisk
      ? { ...offer, accept: (step, finding, answer) => onAcceptRisk(step, { finding, answer }) }
      : undefined;
  // A copy from a step (its remedies' commands) is told there; one from a dialog, in the dialog.
  const stepCopy = {
    onCopy: actions.onCopyCommands,
    file: state.commands?.file,
    copied: state.commands?.asked === undefined ? state.commands?.copied : undefined,
  };
  const connected = state.connection.phase === 'connected' ? state.connection.cluster : undefined;
  return (
    <Box flexDirection="column" width={columns}>
      <Header
        cluster={connected?.name}
        mode={state.mode}
        waiting={state.waiting}
        operator={state.operator}
        subscriptionId={connected?.subscriptionId}
        width={columns}
      />
      {failure ? <Text color={theme.danger}>{failure}</Text> : null}
      {state.operation ? (
        <OperationLine op={state.operation} readOnly={state.mode.readOnly} />
      ) : null}
      {shownOverlay}
      {/* The step screen stays mounted, hidden, under a dialog or the help: its selection,
          filter and mode are still there when the dialog closes. */}
      {shownStep ? (
        <Box display={shownOverlay ? 'none' : 'flex'} flexDirection="column">
          <AcceptRiskContext.Provider value={risk}>
            <CopyContext.Provider value={stepCopy}>
              <JumpContext.Provider value={jump}>{shownStep}</JumpContext.Provider>
            </CopyContext.Provider>
          </AcceptRiskContext.Provider>
        </Box>
      ) : null}
      {shownOverlay || shownStep ? null : body()}
      {/* The keys that work now on the screen that has them (dialogs print their own). */}
      <KeyHints width={columns} />
    </Box>
  );
}

/** Step `id`'s own screen, if it has one, with its own state and events (typed per step). */
function ownScreen<K extends StepId>(
  id: K,
  common: Omit<StepScreenProps<K>, 'state' | 'send'>,
  state: SessionState,
  actions: AppActions,
) {
  const Own = STEP_SCREENS[id];
  if (!Own) return undefined;
  const props: StepScreenProps<K> = {
    ...common,
    state: state.stepStates[id],
    send: (event) => actions.onStepEvent?.(id, event),
  };
  return createElement(Own, { key: id, ...props });
}
