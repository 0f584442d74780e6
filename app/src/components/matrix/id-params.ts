/**
 * Ids in URLs without their type prefix (`/customers/<random part>`), like the release id of the release
 * pages (components/releases/release-params.ts). A pasted full id works too.
 */
import { type CustomerId, type Id, type IdType, idPart, isId, type TemplateId } from '@runsheet/domain';

/** `part` or `type:part` -> the full id; anything else is kept, so the page says "not found". */
export function fullId<T extends IdType>(type: T, value: string): Id<T> {
  const full = value.startsWith(`${type}:`) ? value : `${type}:${value}`;
  return (isId(full, type) ? full : value) as Id<T>;
}

export const customerParams = {
  parse: ({ customerId }: { customerId: string }): { customerId: CustomerId } => ({
    customerId: fullId('customer', customerId),
  }),
  stringify: ({ customerId }: { customerId: CustomerId }): { customerId: string } => ({
    customerId: idPart(customerId),
  }),
};

export const templateParams = {
  parse: ({ templateId }: { templateId: string }): { templateId: TemplateId } => ({
    templateId: fullId('template', templateId),
  }),
  stringify: ({ templateId }: { templateId: TemplateId }): { templateId: string } => ({
    templateId: idPart(templateId),
  }),
};
