/**
 * Release commands (FR-001, FR-002, FR-004, FR-005): create, edit, clone, archive.
 * Activation and adding customers are in activation.ts. The release entity lives in the catalog so
 * that release lists never open release documents; templates live in the release document.
 */

import { z } from 'zod';
import type { Op } from '../change.ts';
import type { Release } from '../entities/release.ts';
import type { StepTemplate } from '../entities/step-template.ts';
import { type ReleaseType, releaseTypeSchema } from '../enums.ts';
import { idSchema, type ReleaseId } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { sortOrdered } from '../ordering.ts';
import { type CommandResult, ok, refuse } from '../result.ts';
import { emptyReleaseState } from '../state.ts';
import { checkDate, checkMetadata, checkName, checkText, optionalText, type Parsed } from '../validation.ts';
import { defineCommand } from './define-command.ts';
import { getRelease, releaseDoc } from './guards.ts';
import { RevisionWriter } from './revision-writer.ts';

const metadataInput = z.record(z.string(), z.string());

export const createReleaseInput = z.object({
  name: z.string(),
  type: releaseTypeSchema,
  versionNumber: z.string().nullable().optional(),
  releaseDate: z.string().nullable().optional(),
  description: z.string().optional(),
  metadata: metadataInput.optional(),
});
export type CreateReleaseInput = z.input<typeof createReleaseInput>;

export const updateReleaseInput = z.object({
  releaseId: idSchema('release'),
  name: z.string().optional(),
  type: releaseTypeSchema.optional(),
  versionNumber: z.string().nullable().optional(),
  releaseDate: z.string().nullable().optional(),
  description: z.string().optional(),
  metadata: metadataInput.optional(),
});
export type UpdateReleaseInput = z.input<typeof updateReleaseInput>;

export const cloneReleaseInput = z.object({
  releaseId: idSchema('release'),
  name: z.string().optional(),
  versionNumber: z.string().nullable().optional(),
  releaseDate: z.string().nullable().optional(),
});
export type CloneReleaseInput = z.input<typeof cloneReleaseInput>;

export const releaseIdInput = z.object({ releaseId: idSchema('release') });
export type ReleaseIdInput = z.input<typeof releaseIdInput>;

/** FR-001: a release of type `release` needs a version number; the others may have one. */
function checkVersion(type: ReleaseType, value: string | null | undefined): Parsed<string | null> {
  const version = optionalText(value);
  if (type === 'release' && version === null) return refuse('version-required', 'versionNumber');
  if (version !== null && version.length > 100) return refuse('text-too-long', 'versionNumber', { max: 100 });
  return { ok: true, value: version };
}

const putRelease = (id: ReleaseId, fields: Partial<Release>): Op => ({
  doc: 'catalog',
  op: 'put-release',
  id,
  fields,
});

/** FR-001. A new release is a draft with no templates and no participants. */
export const createRelease = defineCommand({
  name: 'createRelease',
  input: createReleaseInput,
  run(_state, i, ctx): CommandResult<{ releaseId: ReleaseId }> {
    const name = checkName(i.name);
    if (!name.ok) return name;
    const version = checkVersion(i.type, i.versionNumber);
    if (!version.ok) return version;
    const date = checkDate(i.releaseDate);
    if (!date.ok) return date;
    const description = checkText(
      i.description?.trim() ?? '',
      'description',
      FIELD_LIMITS.releaseDescription,
    );
    if (!description.ok) return description;
    const metadata = checkMetadata(i.metadata ?? {});
    if (!metadata.ok) return metadata;

    const id = ctx.newId('release');
    const now = ctx.now();
    const release: Release = {
      id,
      name: name.value,
      type: i.type,
      status: 'draft',
      versionNumber: version.value,
      releaseDate: date.value,
      description: description.value,
      metadata: metadata.value,
      createdAt: now,
      updatedAt: now,
      activatedAt: null,
      archivedFrom: null,
      clonedFrom: null,
    };
    return ok({ ops: [putRelease(id, release)] }, { releaseId: id });
  },
});

/** Edit the release's own fields (draft or active; an archived release is frozen). Only changes are written. */
export const updateRelease = defineCommand({
  name: 'updateRelease',
  input: updateReleaseInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ releaseId: ReleaseId; changed: string[] }> {
    const got = getRelease(state, i.releaseId);
    if (!got.ok) return got;
    const release = got.value;
    if (release.status === 'archived') return refuse('release-archived', 'releaseId');
    const fields: Partial<Release> = {};

    if (i.name !== undefined) {
      const name = checkName(i.name);
      if (!name.ok) return name;
      if (name.value !== release.name) fields.name = name.value;
    }
    const type = i.type ?? release.type;
    if (type !== release.type) fields.type = type;
    // The version rule is checked against the resulting type and version, whichever of them changes.
    const version = checkVersion(
      type,
      i.versionNumber === undefined ? release.versionNumber : i.versionNumber,
    );
    if (!version.ok) return version;
    if (version.value !== release.versionNumber) fields.versionNumber = version.value;
    if (i.releaseDate !== undefined) {
      const date = checkDate(i.releaseDate);
      if (!date.ok) return date;
      if (date.value !== release.releaseDate) fields.releaseDate = date.value;
    }
    if (i.description !== undefined) {
      const description = checkText(i.description.trim(), 'description', FIELD_LIMITS.releaseDescription);
      if (!description.ok) return description;
      if (description.value !== release.description) fields.description = description.value;
    }
    if (i.metadata !== undefined) {
      const metadata = checkMetadata(i.metadata);
      if (!metadata.ok) return metadata;
      if (JSON.stringify(metadata.value) !== JSON.stringify(release.metadata))
        fields.metadata = metadata.value;
    }
    const changed = Object.keys(fields);
    if (changed.length === 0) return ok({ ops: [] }, { releaseId: release.id, changed });
    fields.updatedAt = ctx.now();
    return ok({ ops: [putRelease(release.id, fields)] }, { releaseId: release.id, changed });
  },
});

/**
 * FR-004: a new draft with the same type, description, version and metadata, and a copy of the
 * non-deleted templates (new ids, same order keys). No participants, no step states, no history: the
 * clone is a fresh checklist. Any release can be cloned, archived ones included.
 */
export const cloneRelease = defineCommand({
  name: 'cloneRelease',
  input: cloneReleaseInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ releaseId: ReleaseId; templateCount: number }> {
    const got = getRelease(state, i.releaseId);
    if (!got.ok) return got;
    const source = got.value;
    const name = checkName(i.name ?? `${source.name} (copy)`);
    if (!name.ok) return name;
    const version = checkVersion(
      source.type,
      i.versionNumber === undefined ? source.versionNumber : i.versionNumber,
    );
    if (!version.ok) return version;
    const date = checkDate(i.releaseDate);
    if (!date.ok) return date;

    const id = ctx.newId('release');
    const now = ctx.now();
    const release: Release = {
      id,
      name: name.value,
      type: source.type,
      status: 'draft',
      versionNumber: version.value,
      releaseDate: date.value,
      description: source.description,
      metadata: { ...source.metadata },
      createdAt: now,
      updatedAt: now,
      activatedAt: null,
      archivedFrom: null,
      clonedFrom: source.id,
    };
    const ops: Op[] = [putRelease(id, release)];
    const templates = sortOrdered(Object.values(releaseDoc(state, source.id).templates)).filter(
      (t) => t.deletedAt === null,
    );
    // Revisions live in their release document: the copies get their own, in the new one (ST-09).
    const revs = new RevisionWriter(emptyReleaseState(id), ctx);
    for (const t of templates) {
      const templateId = ctx.newId('template');
      const copy: StepTemplate = {
        ...t,
        id: templateId,
        releaseId: id,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        contentRev: revs.write(t),
      };
      ops.push({ doc: 'release', releaseId: id, op: 'put-template', id: templateId, fields: copy });
    }
    ops.push(...revs.ops);
    return ok({ ops }, { releaseId: id, templateCount: templates.length });
  },
});

/** FR-005: archive a draft or active release; it remembers which, for `unarchiveRelease`. */
export const archiveRelease = defineCommand({
  name: 'archiveRelease',
  input: releaseIdInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ releaseId: ReleaseId }> {
    const got = getRelease(state, i.releaseId);
    if (!got.ok) return got;
    const release = got.value;
    if (release.status === 'archived') return refuse('release-archived', 'releaseId');
    const fields: Partial<Release> = {
      status: 'archived',
      archivedFrom: release.status,
      updatedAt: ctx.now(),
    };
    return ok({ ops: [putRelease(release.id, fields)] }, { releaseId: release.id });
  },
});

/**
 * Back to the status it had. Data without `archivedFrom` (an import) goes back to active if it was ever
 * activated, else to draft.
 */
export const unarchiveRelease = defineCommand({
  name: 'unarchiveRelease',
  input: releaseIdInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ releaseId: ReleaseId; status: 'draft' | 'active' }> {
    const got = getRelease(state, i.releaseId);
    if (!got.ok) return got;
    const release = got.value;
    if (release.status !== 'archived') return refuse('release-not-archived', 'releaseId');
    const status = release.archivedFrom ?? (release.activatedAt ? 'active' : 'draft');
    const fields: Partial<Release> = { status, archivedFrom: null, updatedAt: ctx.now() };
    return ok({ ops: [putRelease(release.id, fields)] }, { releaseId: release.id, status });
  },
});
