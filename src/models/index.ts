export * from './parameter-groups.js';
