// The kinds of the ledger's structure: parties, budgets, programmes.
import { commandKind, create, on } from './command-kind';
import { AllocateBudgetDto, AmendBudgetDto, FundBudgetDto, OpenBudgetDto, TransferBudgetDto } from './budgets.dto';
import { toCents } from './money';
import { RegisterPartyDto } from './parties.dto';
import { DEFAULT_END_ID } from './command.dto';
import { EndProgrammeDto, EnrolParticipantsDto, LaunchProgrammeDto, RecordOutcomesDto } from './programmes.dto';

export const REGISTER_PARTY = commandKind({
  kind: 'register-party',
  path: '/v1/parties',
  dto: RegisterPartyDto,
  toDispatch: (dto) =>
    create('party', dto.partyId, dto, { type: 'RegisterParty', partyId: dto.partyId, name: dto.name, kind: dto.kind, effectiveDate: dto.effectiveDate }),
});

export const OPEN_BUDGET = commandKind({
  kind: 'open-budget',
  path: '/v1/budgets',
  dto: OpenBudgetDto,
  toDispatch: (dto) =>
    create('budget', dto.budgetId, dto, {
      type: 'OpenBudget',
      budgetId: dto.budgetId,
      ownerPartyId: dto.ownerPartyId,
      name: dto.name,
      fiscalYear: dto.fiscalYear,
      taakveld: dto.taakveld,
      effectiveDate: dto.effectiveDate,
    }),
});

export const FUND_BUDGET = commandKind({
  kind: 'fund-budget',
  path: '/v1/budgets/:id/fundings',
  dto: FundBudgetDto,
  toDispatch: (dto, id) =>
    on('budget', id, dto.fundingId, dto, {
      type: 'FundBudget',
      budgetId: id,
      fundingId: dto.fundingId,
      source: dto.source,
      ...(dto.funderPartyId ? { funderPartyId: dto.funderPartyId } : {}),
      amountCents: toCents(dto.amount),
      ...(dto.earmarkProgrammeId ? { earmarkProgrammeId: dto.earmarkProgrammeId } : {}),
      ...(dto.regulationCode ? { regulationCode: dto.regulationCode } : {}),
      effectiveDate: dto.effectiveDate,
    }),
});

export const AMEND_BUDGET = commandKind({
  kind: 'amend-budget',
  path: '/v1/budgets/:id/amendments',
  dto: AmendBudgetDto,
  toDispatch: (dto, id) =>
    on('budget', id, dto.amendmentId, dto, {
      type: 'AmendBudget',
      budgetId: id,
      amendmentId: dto.amendmentId,
      amountCents: toCents(dto.amount, { allowNegative: true }),
      reason: dto.reason,
      effectiveDate: dto.effectiveDate,
    }),
});

export const ALLOCATE_BUDGET = commandKind({
  kind: 'allocate-budget',
  path: '/v1/budgets/:id/allocations',
  dto: AllocateBudgetDto,
  toDispatch: (dto, id) =>
    on('budget', id, dto.lineId, dto, {
      type: 'AllocateBudget',
      budgetId: id,
      lineId: dto.lineId,
      description: dto.description,
      amountCents: toCents(dto.amount),
      effectiveDate: dto.effectiveDate,
    }),
});

export const TRANSFER_BUDGET = commandKind({
  kind: 'transfer-budget',
  path: '/v1/budgets/:id/transfers',
  dto: TransferBudgetDto,
  toDispatch: (dto, id) =>
    on('budget', id, dto.transferId, dto, {
      type: 'TransferBudget',
      budgetId: id,
      transferId: dto.transferId,
      toBudgetId: dto.toBudgetId,
      amountCents: toCents(dto.amount),
      ...(dto.earmarkProgrammeId ? { earmarkProgrammeId: dto.earmarkProgrammeId } : {}),
      effectiveDate: dto.effectiveDate,
    }),
});

export const LAUNCH_PROGRAMME = commandKind({
  kind: 'launch-programme',
  path: '/v1/programmes',
  dto: LaunchProgrammeDto,
  toDispatch: (dto) =>
    create('programme', dto.programmeId, dto, {
      type: 'LaunchProgramme',
      programmeId: dto.programmeId,
      ownerPartyId: dto.ownerPartyId,
      name: dto.name,
      ...(dto.normBand
        ? { normBand: { minCents: toCents(dto.normBand.min), maxCents: toCents(dto.normBand.max), ...(dto.normBand.source !== undefined ? { source: dto.normBand.source } : {}) } }
        : {}),
      effectiveDate: dto.effectiveDate,
    }),
});

export const ENROL_PARTICIPANTS = commandKind({
  kind: 'enrol-participants',
  path: '/v1/programmes/:id/participants',
  dto: EnrolParticipantsDto,
  toDispatch: (dto, id) =>
    on('programme', id, dto.enrolmentId, dto, { type: 'EnrolParticipants', programmeId: id, enrolmentId: dto.enrolmentId, count: dto.count, effectiveDate: dto.effectiveDate }),
});

export const RECORD_OUTCOMES = commandKind({
  kind: 'record-outcomes',
  path: '/v1/programmes/:id/outcomes',
  dto: RecordOutcomesDto,
  toDispatch: (dto, id) =>
    on('programme', id, dto.outcomeId, dto, {
      type: 'RecordOutcomes',
      programmeId: id,
      outcomeId: dto.outcomeId,
      kind: dto.kind,
      count: dto.count,
      effectiveDate: dto.effectiveDate,
    }),
});

export const END_PROGRAMME = commandKind({
  kind: 'end-programme',
  path: '/v1/programmes/:id/end',
  dto: EndProgrammeDto,
  toDispatch: (dto, id) =>
    on('programme', id, dto.endId ?? DEFAULT_END_ID, dto, { type: 'EndProgramme', programmeId: id, reason: dto.reason, continued: dto.continued, effectiveDate: dto.effectiveDate }),
});
