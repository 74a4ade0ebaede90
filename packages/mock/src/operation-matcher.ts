// The request → operation matcher is the spec package's (the server's tests and the contract
// suite match with it too); the mock's scenarios and `Prefer` handling read its result.
export { createOperationMatcher, type OperationMatcher } from '@nexuscommerce/spec/walk';
