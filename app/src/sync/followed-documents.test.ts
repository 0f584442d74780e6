import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindDocumentFollower, followServerDocument } from './followed-documents.ts';

afterEach(() => bindDocumentFollower(null));

describe('followed documents', () => {
  it('hands a document given before sync started to the sync layer when it starts, and stops on unbind', () => {
    const doc = new Y.Doc();
    followServerDocument('temporal', doc);
    const followed: string[] = [];
    const docs: Y.Doc[] = [];
    const stopped: string[] = [];
    bindDocumentFollower((room, d) => {
      followed.push(room);
      docs.push(d);
      return () => stopped.push(room);
    });
    expect(docs).toEqual([doc]);
    expect(followed).toEqual(['temporal']);
    // The same document again changes nothing; a new one for the room replaces it.
    followServerDocument('temporal', doc);
    expect(followed).toEqual(['temporal']);
    const replacement = new Y.Doc();
    followServerDocument('temporal', replacement);
    expect(stopped).toEqual(['temporal']);
    expect(docs[1]).toBe(replacement);
    expect(followed).toEqual(['temporal', 'temporal']);
    bindDocumentFollower(null);
    expect(stopped).toEqual(['temporal', 'temporal']);
  });
});
