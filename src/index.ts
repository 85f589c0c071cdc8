export * from './errors.js';
export * from './urn/index.js';
export * from './data/index.js';
export * from './topology/index.js';
export * from './sparse/index.js';
export * from './format/index.js';
export * from './report/index.js';
