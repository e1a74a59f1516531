// SAML 2.0 federation (§5.10): provider metadata, signed-response verification and AWS's attributes.

export { parseSamlMetadata, type SamlMetadata } from './metadata.js';
export { nameQualifier, subjectType, verifySamlResponse, type VerifiedSamlAssertion } from './verify-response.js';
export { readAwsAttributes, type AwsSamlAttributes } from './aws-attributes.js';
export { samlAttributeContext } from './attribute-keys.js';
