export * from './drop-reasons.js';
export * from './trace.js';
export * from './debug-messages.js';
export * from './explain.js';
export * from './events.js';
export * from './lines.js';
