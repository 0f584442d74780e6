import { defineOperation } from '../operation.ts';
import { AuditPageAnswer, AuditQuery } from '../schemas/audit.ts';

export const auditOperations = {
  audit: defineOperation({
    id: 'listAccesses',
    method: 'GET',
    path: '/api/audit',
    access: 'admin',
    tag: 'Audit',
    summary: 'The access log (admins): who read or changed release information, when, and from where',
    description: 'Filters combine with AND. Reading the log is itself recorded.',
    query: AuditQuery,
    answers: { 200: { description: 'Newest first', schema: AuditPageAnswer } },
  }),
};
