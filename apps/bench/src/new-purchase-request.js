// autocannon's setupRequest for the http-command bench, loaded by path in its worker thread (a
// function cannot be handed to a worker): every request a new purchase, with an id of its own,
// from one of the suppliers the bench registered, in turn (a municipality buys from many).
const { threadId } = require('node:worker_threads');

const run = Date.now().toString(36);
const SUPPLIERS = Number(process.env.BENCH_SUPPLIERS ?? 1000);
let count = 0;

module.exports = function newPurchase(request) {
  count += 1;
  const purchaseId = `bench-${run}-${threadId}-${count}`;
  return {
    ...request,
    body: JSON.stringify({
      purchaseId,
      budgetId: 'bench-budget',
      supplierPartyId: `bench-supplier-${count % SUPPLIERS}`,
      count: 2,
      unitPrice: '2500.00',
      targetGroup: 'Grote afstand tot de arbeidsmarkt',
      sourceReference: 'Inkooporder bench',
      effectiveDate: '2024-03-01',
    }),
  };
};
