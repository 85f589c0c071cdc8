export * from './errors.js';
export * from './urn/index.js';
export * from './data/index.js';
