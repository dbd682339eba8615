// Request examples of POST /v1/batches for the OpenAPI document: the Heerlen case's own commands.
const purchase = (purchaseId: string, unitPrice: string) => ({
  kind: 'purchase-trajectories',
  body: {
    purchaseId,
    budgetId: 'heerlen-maatwerk-reintegratie-2024',
    supplierPartyId: 'reha',
    count: 10,
    unitPrice,
    targetGroup: 'Zeer grote afstand tot de arbeidsmarkt',
    sourceReference: 'Inkooporder 2024-118',
    effectiveDate: '2024-03-01',
  },
});

export const BATCH_EXAMPLES = {
  each: {
    summary: 'Each command on its own: a purchase and its payment',
    value: {
      commands: [
        purchase('reha-trajecten-2024', '3000.00'),
        {
          kind: 'pay-purchase',
          id: 'reha-trajecten-2024',
          body: { paymentId: 'betaling-2024-118', amount: '15000.00', sourceReference: 'Betaalbatch 2024-07', effectiveDate: '2024-07-01' },
        },
      ],
    },
  },
  atomic: {
    summary: 'All or nothing: a budget opened and funded together',
    value: {
      atomic: true,
      commands: [
        {
          kind: 'open-budget',
          body: {
            budgetId: 'heerlen-participatie-2025',
            ownerPartyId: 'gemeente-heerlen',
            name: 'Participatie 2025',
            fiscalYear: 2025,
            taakveld: '6.4',
            sourceReference: 'Begroting 2025',
            effectiveDate: '2025-01-01',
          },
        },
        {
          kind: 'fund-budget',
          id: 'heerlen-participatie-2025',
          body: { fundingId: 'eigen-middelen-2025', source: 'own-means', amount: '250000.00', sourceReference: 'Begroting 2025', effectiveDate: '2025-01-01' },
        },
      ],
    },
  },
};
