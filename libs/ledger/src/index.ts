// @geldstroom/ledger: the domain of the ledger. Money, ids, dates, the event catalogue, and one
// pure decider per stream kind. No NestJS, no I/O, no clock.
export * from './money/money';

export * from './shared/decider';
export * from './shared/ids';
export * from './shared/dates';
export * from './shared/personal-data';
export * from './shared/checks';
export * from './shared/flags';
export * from './shared/accountability';

export * from './reversal/reversal.commands';
export * from './reversal/reversal.events';
export * from './reversal/with-reversals';

export * from './party/party.commands';
export * from './party/party.events';
export * from './party/party.decider';

export * from './budget/budget.commands';
export * from './budget/budget.events';
export * from './budget/budget.state';
export * from './budget/budget.decider';

export * from './programme/programme.commands';
export * from './programme/programme.events';
export * from './programme/programme.decider';

export * from './grant/grant.commands';
export * from './grant/grant.events';
export * from './grant/grant.state';
export * from './grant/grant.decider';

export * from './procurement/procurement.commands';
export * from './procurement/procurement.events';
export * from './procurement/procurement.decider';
export * from './procurement/contract.commands';
export * from './procurement/contract.events';
export * from './procurement/contract.decider';

export * from './expense/expense.commands';
export * from './expense/expense.events';
export * from './expense/expense.state';
export * from './expense/expense.decider';

export * from './finding/finding.commands';
export * from './finding/finding.events';
export * from './finding/finding-stream';
export * from './finding/finding.decider';

export * from './document/document.commands';
export * from './document/document.events';
export * from './document/document.decider';

export * from './purchase/purchase.commands';
export * from './purchase/purchase.events';
export * from './purchase/purchase.state';
export * from './purchase/purchase.decider';

export * from './access/access.commands';
export * from './access/access.events';
export * from './access/access.decider';

export * from './events';
export * from './deciders';
