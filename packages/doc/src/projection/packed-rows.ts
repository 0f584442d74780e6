/**
 * The packed text of the two kinds of rows that grow with a release: a bucket of customers (their
 * participants and custom steps per value, their step states as columns) and a chunk of history
 * (events as columns). See pack-codec.ts and column-codec.ts for the encodings and why.
 */
import type { CustomStep, HistoryEvent, Participant, StepId, StepState } from '@runsheet/domain';
import { decodeRows, type EncodedRows, encodeRows } from './column-codec.ts';
import { decode, type Encoded, encode, StringTable } from './pack-codec.ts';
import type { BucketSteps } from './rows.ts';

/** A bucket row's text, parsed. */
export type BucketText = [
  strings: string[],
  participants: Encoded,
  customSteps: Encoded,
  ids: number[],
  states: EncodedRows,
];

export function packBucket(steps: BucketSteps): string {
  const table = new StringTable();
  const ids = Object.keys(steps.stepStates) as StepId[];
  const text: BucketText = [
    table.strings,
    encode(steps.participants, table),
    encode(steps.customSteps, table),
    ids.map((id) => table.ref(id)),
    encodeRows(
      ids.map((id) => steps.stepStates[id] as Record<string, unknown>),
      table,
    ),
  ];
  return JSON.stringify(text);
}

export function unpackBucket(text: string): BucketSteps {
  const into: BucketSteps = { participants: {}, customSteps: {}, stepStates: {} };
  unpackBucketInto(text, into);
  return into;
}

/**
 * Adds a bucket's records to `into` directly (a release's records), without building the bucket's own
 * records first: 50,000 step states are then put in one record once, not twice.
 */
export function unpackBucketInto(text: string, into: BucketSteps): void {
  const [strings, participants, customSteps, ids, states] = JSON.parse(text) as BucketText;
  const rows = decodeRows(states, strings);
  const { stepStates } = into;
  for (let i = 0; i < ids.length; i++) stepStates[strings[ids[i] as number] as StepId] = rows[i] as StepState;
  Object.assign(into.participants, decode(participants, strings) as Record<string, Participant>);
  Object.assign(into.customSteps, decode(customSteps, strings) as Record<StepId, CustomStep>);
}

export function packEvents(events: readonly HistoryEvent[]): string {
  const table = new StringTable();
  const rows = encodeRows(events as unknown as Record<string, unknown>[], table);
  return JSON.stringify([table.strings, rows]);
}

export function unpackEvents(text: string): HistoryEvent[] {
  const [strings, rows] = JSON.parse(text) as [string[], EncodedRows];
  return decodeRows(rows, strings) as unknown as HistoryEvent[];
}
