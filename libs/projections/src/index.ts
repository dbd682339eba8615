// @geldstroom/projections: read models fed by the store's subscription, and the queries that
// answer council questions from them, as of any date, with the events behind every figure.
export * from './read-store';
export * from './facts';
export * from './projector';
export * from './cut';
export * from './split';
export * from './pools';
export * from './evidence';
export * from './money';
export * from './reader';
export * from './programme-cost';
export * from './council-answer';
