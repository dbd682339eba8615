// A contract is created by AwardContract on its procurement; these act on the contract itself.

export interface AmendContract {
  readonly type: 'AmendContract';
  readonly contractId: string;
  readonly amendmentId: string;
  readonly ceilingCents: number;
  readonly termEnd?: string;
  readonly reason: string;
  readonly effectiveDate: string;
}

export interface EndContract {
  readonly type: 'EndContract';
  readonly contractId: string;
  readonly reason: string;
  readonly effectiveDate: string;
}

export type ContractCommand = AmendContract | EndContract;
