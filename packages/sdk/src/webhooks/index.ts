export { WebhookVerificationError, type WebhookVerificationReason } from '../errors.js';
export type { WebhookEvent, WebhookEventMap } from '../schema.js';
export { type SignWebhookOptions, type WebhookSignatureHeaders, signWebhook } from './sign.js';
export type { WebhookHeaders, WebhookPayload } from './signature.js';
export { type VerifyWebhookOptions, verifyWebhook } from './verify.js';
