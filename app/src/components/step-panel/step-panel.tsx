/**
 * The step side panel (FV-007): one customer's step with its source,
 * content (variables filled in), execution and history. Opened from a matrix cell or any step list; the
 * open step lives in the URL (`?step=`), so it survives a reload and can be linked.
 *
 * Keys inside the panel: D mark done, S skip, R revert (the step actions' own shortcuts), Escape closes
 * an open form first, then the panel. The same actions are offered by the command palette.
 *
 * This module is the panel's frame (the sheet, focus in and out); the step's body is a chunk of its own
 * (step-panel-body.tsx), fetched once the page is idle, so a release page's first paint does not load,
 * compile and run the code highlighter and the step forms it does not show.
 */
import type { ReleaseId, StepId } from '@runsheet/domain';
import { lazy, Suspense, useEffect, useLayoutEffect, useRef } from 'react';
import type { StepForm } from '@/actions/step-actions';
import { Sheet, SheetContent, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { idleTask } from '@/data';
import type { PanelKeys } from './step-panel-body';

/** How long the body's code waits at most for the page to be idle before it is fetched. */
const BODY_LOAD_WAITS_MS = 2000;
const loadBody = () => import('./step-panel-body');
const StepPanelBody = lazy(() => loadBody().then((m) => ({ default: m.StepPanelBody })));

export interface StepPanelProps {
  releaseId: ReleaseId;
  /** The open step; null when the panel is closed. */
  stepId: StepId | null;
  /** A form to open right away (e.g. "Skip" pressed in a list). */
  initialForm?: StepForm | null;
  onClose: () => void;
}

export function StepPanel({ releaseId, stepId, initialForm = null, onClose }: StepPanelProps) {
  const content = useRef<HTMLDivElement>(null);
  const keys = useRef<PanelKeys>({});
  // Radix returns focus to a Dialog.Trigger; the panel has none (a grid cell or a list button opens it
  // through the URL), so it remembers what had focus when it opened and goes back there on close.
  const returnTo = useRef<HTMLElement | null>(null);
  const open = stepId !== null;
  // The body's code, once the page has painted and is idle: opening a step then waits for nothing.
  useEffect(() => {
    void idleTask(BODY_LOAD_WAITS_MS).then(loadBody);
  }, []);
  useLayoutEffect(() => {
    if (open && returnTo.current === null && document.activeElement instanceof HTMLElement) {
      returnTo.current = document.activeElement;
    }
  }, [open]);
  return (
    <Sheet open={stepId !== null} onOpenChange={(open) => !open && onClose()}>
      {stepId !== null && (
        <SheetContent
          ref={content}
          className="w-full gap-0 sm:max-w-2xl"
          onOpenAutoFocus={(event) => {
            // Focus the panel itself: the one-letter shortcuts work at once, nothing is pre-selected.
            event.preventDefault();
            if (!initialForm) content.current?.focus();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            const target = returnTo.current;
            returnTo.current = null;
            if (target?.isConnected) target.focus({ preventScroll: true });
          }}
          onEscapeKeyDown={(event) => {
            if (keys.current.escape?.()) event.preventDefault();
          }}
          onKeyDown={(event) => keys.current.key?.(event)}
        >
          <Suspense fallback={<OpeningStep />}>
            <StepPanelBody
              key={stepId}
              releaseId={releaseId}
              stepId={stepId}
              initialForm={initialForm}
              onClose={onClose}
              keys={keys}
            />
          </Suspense>
        </SheetContent>
      )}
    </Sheet>
  );
}

/** While the body's code arrives (a step opened before the page was idle, or straight from its link). */
function OpeningStep() {
  return (
    <SheetHeader>
      <SheetTitle>Opening step…</SheetTitle>
    </SheetHeader>
  );
}
