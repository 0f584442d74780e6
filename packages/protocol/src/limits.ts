// The domain owns the field limits (its entities and commands check them); the API states the same ones.
export { FIELD_LIMITS, type FieldLimitName } from '@runsheet/domain';
