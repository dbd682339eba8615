export * from './event-store.port';
export * from './errors';
export * from './append-validation';
export * from './integrity/event-hash';
export * from './integrity/merkle';
export * from './integrity/signed-digest';
export * from './integrity/journal-digester';
export * from './integrity/verify-journal';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
