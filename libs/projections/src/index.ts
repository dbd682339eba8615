// @geldstroom/projections: read models fed by the store's subscription, kept up to date event by
// event, and the queries that answer council questions from them, as of any date, with the events
// behind every figure and the position, tree head and read-model digest they were computed at.
export * from './model/ledger-fact';
export * from './model/movement';
export * from './model/money';
export * from './who-paid/split';
export * from './who-paid/pool';
export * from './store/read-store';
export * from './store/lock';
export * from './store/digest';
export * from './projector';
export * from './findings/finding';
export * from './findings/procurement-thresholds';
export * from './queries/reader';
export * from './queries/evidence';
export * from './queries/party-amounts';
export * from './queries/programme-cost';
export * from './queries/council-answer';
export * from './queries/budget-execution';
export * from './queries/spending';
export * from './queries/party-funding';
export * from './queries/provider-spend';
export * from './queries/funding-flows';
export * from './queries/findings';
export * from './queries/catalogue';
export * from './queries/search';
export * from './queries/taakvelden';
export * from './queries/audit-trail';
export * from './queries/journal';
export * from './exports';
export * from './reports/rules/iv3-catalogue';
export * from './vocabulary/nl';
export * from './verify/verify-read-models';
export * from './verify/compare';
