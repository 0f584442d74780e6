import { z } from 'zod';

export const RELEASE_TYPES = ['onboarding', 'release', 'hotfix'] as const;
export const RELEASE_STATUSES = ['draft', 'active', 'archived'] as const;
export const STEP_CATEGORIES = ['deploy', 'verify'] as const;
export const STEP_TYPES = ['bash', 'sql', 'text'] as const;
export const STEP_STATUSES = ['pending', 'done', 'skipped', 'reverted'] as const;

export const releaseTypeSchema = z.enum(RELEASE_TYPES);
export const releaseStatusSchema = z.enum(RELEASE_STATUSES);
export const stepCategorySchema = z.enum(STEP_CATEGORIES);
export const stepTypeSchema = z.enum(STEP_TYPES);
export const stepStatusSchema = z.enum(STEP_STATUSES);

export type ReleaseType = z.infer<typeof releaseTypeSchema>;
export type ReleaseStatus = z.infer<typeof releaseStatusSchema>;
export type StepCategory = z.infer<typeof stepCategorySchema>;
export type StepType = z.infer<typeof stepTypeSchema>;
export type StepStatus = z.infer<typeof stepStatusSchema>;
