/**
 * Writing content revisions from commands (ST-09). One writer per command: the revisions it writes go
 * into that command's change, and a bulk command writes each distinct revision once.
 *
 * A command refers only to a revision this document already has and that holds exactly what the step
 * shows, or to one it writes itself; so a step never points at content other than what it showed, even
 * when a merge left a template's `contentRev` behind its fields (MR-01 merges the fields one by one).
 */
import type { ReleaseOp } from '../change.ts';
import type { CommandContext } from '../context.ts';
import type { ContentFields, ContentRevision } from '../entities/content-revision.ts';
import type { StepTemplate } from '../entities/step-template.ts';
import type { RevId, TemplateId } from '../ids.ts';
import { contentFieldsOf, revisionOf, sameContent } from '../revisions.ts';
import type { ReleaseState } from '../state.ts';

export class RevisionWriter {
  /** The put-revision (and template repair) ops to add to the command's change. */
  readonly ops: ReleaseOp[] = [];
  private readonly made = new Map<string, RevId>();
  private readonly repaired = new Set<TemplateId>();

  constructor(
    private readonly doc: ReleaseState,
    private readonly ctx: CommandContext,
  ) {}

  /** The first candidate this document has that holds exactly `fields`, else a new revision. */
  revisionFor(fields: ContentFields, candidates: ReadonlyArray<RevId | undefined>): RevId {
    for (const id of candidates) {
      const rev = revisionOf(this.doc.revisions, id);
      if (id !== undefined && rev && sameContent(rev, fields)) return id;
    }
    return this.write(fields);
  }

  /** A new revision, or the one this command already wrote for the same fields. */
  write(fields: ContentFields, ownName = false): RevId {
    const key = JSON.stringify([fields.name, fields.category, fields.type, fields.content, ownName]);
    const known = this.made.get(key);
    if (known) return known;
    const id = this.ctx.newId('rev');
    const value: ContentRevision = contentFieldsOf(fields);
    if (ownName) value.ownName = true;
    this.ops.push({ doc: 'release', releaseId: this.doc.releaseId, op: 'put-revision', id, value });
    this.made.set(key, id);
    return id;
  }

  /**
   * Points a template at a revision that holds its current fields, when its own `contentRev` did not
   * (a document from before revisions, or a merge of two edits): the next steps of that template then
   * share the revision instead of each writing one. A concurrent template edit may win this field;
   * the next command repairs it again, and nothing shown depends on it.
   */
  repairTemplate(template: StepTemplate, id: RevId): void {
    if (template.contentRev === id || this.repaired.has(template.id)) return;
    this.repaired.add(template.id);
    this.ops.push({
      doc: 'release',
      releaseId: this.doc.releaseId,
      op: 'put-template',
      id: template.id,
      fields: { contentRev: id },
    });
  }
}
