// The node's in-memory state over the store.

export { Snapshot } from './snapshot.js';
