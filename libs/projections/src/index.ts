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
export * from './procurement-thresholds';
export * from './commitments';
export * from './provider-spend';
export * from './finding';
export * from './findings';
export * from './audit-trail';
export * from './budget-execution';
export * from './party-funding';
export * from './spending';
export * from './funding-flows';
export * from './catalogue';
