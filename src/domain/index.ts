// Accounts, principals, ARNs, unique ids, secrets and errors: plain data and functions shared by services.

export * from './errors.js';
export * from './ids.js';
export * from './arn.js';
export { SecretBox } from './secrets.js';
