import type { StepCategory, StepType } from '@runsheet/domain';
import { LANGUAGE_LABEL } from '@/components/code/code-block';

export const CATEGORY_LABEL: Record<StepCategory, string> = { deploy: 'Deploy', verify: 'Verify' };
export const TYPE_LABEL: Record<StepType, string> = LANGUAGE_LABEL;
