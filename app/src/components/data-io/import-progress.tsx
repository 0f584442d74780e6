/**
 * How far an import got: the step in words (announced once per step: it sits in the dialog's polite
 * live region) and, where the step can count, a progress bar whose value is not re-announced on
 * every tick.
 */

import { count } from '@/lib/count';
import type { ImportPhase, ImportProgress } from './import-pipeline.ts';

const PHASE_TEXT: Record<ImportPhase, string> = {
  reading: 'Reading and checking',
  planning: 'Comparing with this workspace',
  building: 'Preparing the records',
  applying: 'Applying to this workspace',
  saving: 'Saving on this device',
};

// Made on first use, not when the settings page's code loads: the first Intl.NumberFormat loads the
// browser's number data, a long task at start-up (lib/count.ts).
let formats: { number: Intl.NumberFormat; megabytes: Intl.NumberFormat } | null = null;
function numberFormats() {
  formats ??= {
    number: new Intl.NumberFormat('en'),
    megabytes: new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  };
  return formats;
}

/** Building counts changes; applying counts the bytes of the documents' updates. */
function amount(phase: ImportPhase, done: number, total: number): string {
  if (phase === 'applying') {
    const mb = (n: number) => numberFormats().megabytes.format(n / 2 ** 20);
    return `${mb(done)} of ${mb(total)} MB`;
  }
  return `${numberFormats().number.format(done)} of ${count(total, 'change')}`;
}

export function ImportProgressView({ fileName, progress }: { fileName: string; progress: ImportProgress }) {
  const { phase, done, total } = progress;
  const counted = done !== undefined && total !== undefined && total > 0;
  return (
    <div className="grid gap-1.5" data-testid="import-progress" data-phase={phase}>
      <p className="text-sm">
        {PHASE_TEXT[phase]} {fileName}…
      </p>
      <progress
        className="h-2 w-full accent-primary"
        aria-label={`${PHASE_TEXT[phase]} ${fileName}`}
        aria-valuetext={counted ? amount(phase, done, total) : undefined}
        {...(counted ? { value: done, max: total } : {})}
      />
      {counted && (
        <p className="text-muted-foreground text-xs tabular-nums" aria-hidden="true">
          {amount(phase, done, total)}
        </p>
      )}
    </div>
  );
}
