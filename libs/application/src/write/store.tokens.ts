// Injection tokens for the store: the API depends on the port, never on an adapter.
export const EVENT_STORE = Symbol('EventStore');
