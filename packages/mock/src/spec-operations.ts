// The mock reads the spec with the one walker every package shares; this module only keeps the
// mock's imports in one place.
export { deref, firstExample, HTTP_METHODS, listOperations, type SpecOperation } from '@nexuscommerce/spec/walk';
