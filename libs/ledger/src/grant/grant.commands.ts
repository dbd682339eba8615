export interface AwardGrant {
  readonly type: 'AwardGrant';
  readonly grantId: string;
  readonly budgetId: string;
  readonly recipientPartyId: string;
  readonly programmeId?: string;
  readonly budgetLineId?: string;
  readonly amountCents: number;
  readonly effectiveDate: string;
}

export interface PayGrantAdvance {
  readonly type: 'PayGrantAdvance';
  readonly grantId: string;
  readonly paymentId: string;
  readonly amountCents: number;
  readonly effectiveDate: string;
}

/** The reclaim a settlement below what was already paid must carry (Awb 4:57). */
export interface SettlementReclaim {
  readonly reclaimId: string;
  readonly amountCents: number;
  readonly reason: string;
}

export interface SettleGrant {
  readonly type: 'SettleGrant';
  readonly grantId: string;
  readonly settlementId: string;
  readonly settledAmountCents: number;
  readonly reclaim?: SettlementReclaim;
  readonly effectiveDate: string;
}

export interface ReclaimGrant {
  readonly type: 'ReclaimGrant';
  readonly grantId: string;
  readonly reclaimId: string;
  readonly amountCents: number;
  readonly reason: string;
  readonly effectiveDate: string;
}

export interface WithdrawGrant {
  readonly type: 'WithdrawGrant';
  readonly grantId: string;
  readonly withdrawalId: string;
  readonly reason: string;
  readonly effectiveDate: string;
}

export type GrantCommand = AwardGrant | PayGrantAdvance | SettleGrant | ReclaimGrant | WithdrawGrant;
