// The rule lives in the domain, which the REST API's contract shares; the document layout re-exports it.
export { TEMPORAL_ID_PART, temporalIdProblem } from '@runsheet/domain';
