// Explanations: built from a compiled set and a request, rendered for people and for AWS-style messages.

export { explain } from './trace.js';
export { denialContext, denialMessage } from './denial-message.js';
export { describeFailure, renderDecisionText } from './render-text.js';
