import { type HistoryEvent, newEvent, type ReleaseId, type StepId, testContext } from '@runsheet/domain';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type Attestation, attestationNote } from './history-attestations';
import { HistoryEntry } from './history-entry';

/** SE-11c: the step panel shows history as the server recorded it, only where that differs. */
function noteBy(actor: { id: string; name: string }): HistoryEvent {
  return newEvent(testContext({ actor }), {
    releaseId: 'release:r1' as ReleaseId,
    kind: 'notes',
    stepId: 'step:s1' as StepId,
    detail: { notes: 'checked the logs' },
  });
}

const ada = { id: 'user:ada', name: 'Ada' };
const mia: Attestation = { entryId: '', userId: 'user:mia', username: 'mia' };

function shown(event: HistoryEvent, attestations: ReadonlyMap<string, Attestation>): string {
  return renderToStaticMarkup(
    <ol>
      <HistoryEntry event={event} flagged={false} recordedAs={attestationNote(event, attestations)} />
    </ol>,
  );
}

describe('SE-11c history as the server recorded it', () => {
  it('SE-11c an entry naming Ada that the server received from mia warns "recorded by the server as mia"', () => {
    const event = noteBy(ada);
    const html = shown(event, new Map([[event.id, { ...mia, entryId: event.id }]]));
    expect(html).toContain('data-testid="history-recorded-as"');
    expect(html).toContain('Recorded by the server as mia, not Ada');
    // The claimed actor is still shown where it always is: the entry is kept, not rewritten.
    expect(html).toContain('· Ada');
  });

  it('SE-11c adds nothing when the server received the entry from the actor it names', () => {
    const event = noteBy(ada);
    const html = shown(event, new Map([[event.id, { entryId: event.id, userId: ada.id, username: 'ada' }]]));
    expect(html).not.toContain('Recorded by the server');
  });

  it('SE-11c adds nothing when the server has not attested the entry (offline, local only, older entries)', () => {
    const event = noteBy(ada);
    expect(shown(event, new Map())).not.toContain('Recorded by the server');
    const other = noteBy({ id: 'user:bob', name: 'Bob' });
    expect(attestationNote(event, new Map([[other.id, { ...mia, entryId: other.id }]]))).toBeNull();
    expect(
      attestationNote(event, new Map([[event.id, { entryId: event.id, userId: null, username: null }]])),
    ).toBeNull();
  });
});
