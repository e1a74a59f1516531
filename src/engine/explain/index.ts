// Explanations: built from a compiled set and a request, rendered as text for people.

export { explain } from './trace.js';
