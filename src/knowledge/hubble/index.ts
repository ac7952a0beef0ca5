export * from './drop-reasons.js';
export * from './vocabulary.js';
