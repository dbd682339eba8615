// One command as data — its kind, the entity its path names, a JSON body — checked exactly as its
// own endpoint checks it and sent as a principal. The batch endpoint and the in-process scenario
// loader submit through here; the single endpoints get the same checks from the guards (the role,
// then personal data), the same ValidationPipe and the same kind.
import { describePersonalData, findPersonalData, type PersonalDataFound } from '@geldstroom/ledger';
import { ALLOWED, mayNot } from '../access/access-rules';
import { ProblemException, storeProblem, type ProblemBody } from '../problem/problem';
import { ledgerValidationPipe } from '../problem/validation';
import { takesId, type CommandKind, type CommandLookups, type Dispatch } from './command-kind';
import type { CommandResponse } from './command-response';
import { sendCommand, type RecordExecutor, type Sender } from './send-command';

export interface CommandInput {
  readonly kind: CommandKind;
  /** The entity the single endpoint's path names (`:id`); empty for a kind without one. */
  readonly id: string;
  readonly body: unknown;
}

export type CommandOutcome =
  | { readonly ok: true; readonly status: 201; readonly replayed: boolean; readonly response: CommandResponse }
  | { readonly ok: false; readonly status: number; readonly problem: ProblemBody };

export interface SubmitContext {
  readonly record: RecordExecutor;
  readonly sender: Sender;
  readonly correlationId: string;
  readonly lookups: CommandLookups;
}

const VALIDATION = ledgerValidationPipe();

/** Checks a command as its endpoint would and maps it; throws the ProblemException its endpoint would answer. */
export async function prepareCommand(input: CommandInput, sender: Sender, lookups: CommandLookups): Promise<Dispatch> {
  const { kind, id, body } = input;
  if (!ALLOWED[kind.access].includes(sender.role)) throw new ProblemException('forbidden', mayNot(sender.role, kind.access));
  const personal = personalDataIn(id, body);
  if (personal) throw new ProblemException('personal-data', `${personal.path} holds ${describePersonalData(personal.kind)}`, { field: personal.path });
  if (takesId(kind) && !kind.idPattern.test(id)) throw new ProblemException('validation', `the id in the path must match ${kind.idPattern.source}`);
  if (!takesId(kind) && id !== '') throw new ProblemException('validation', `${kind.kind} takes no id: its entity's id is in its body`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ProblemException('validation', 'the body must be a JSON object');
  const dto = (await VALIDATION.transform(body, { type: 'body', metatype: kind.dto })) as object;
  await kind.check?.(id, lookups);
  return kind.toDispatch(dto, id);
}

/** Prepares and sends one command; a refusal is an outcome, not an exception. */
export async function submitCommand(input: CommandInput, context: SubmitContext): Promise<CommandOutcome> {
  try {
    const dispatch = await prepareCommand(input, context.sender, context.lookups);
    const sent = await sendCommand(context.record, context.sender, { correlationId: context.correlationId }, dispatch);
    return { ok: true, status: 201, replayed: sent.replayed, response: sent.response };
  } catch (error) {
    return refusedOutcome(error);
  }
}

/** A refusal as the single endpoint answers it; anything else is no refusal and goes on up. */
export function refusedOutcome(error: unknown): CommandOutcome {
  const problem = error instanceof ProblemException ? error : storeProblem(error);
  if (!problem) throw error;
  return { ok: false, status: problem.getStatus(), problem: problem.body() };
}

function personalDataIn(id: string, body: unknown): PersonalDataFound | undefined {
  const inBody = findPersonalData(body);
  if (inBody !== undefined) return { ...inBody, path: inBody.path === '' ? 'body' : `body.${inBody.path}` };
  const inPath = findPersonalData(id);
  return inPath !== undefined ? { ...inPath, path: 'path' } : undefined;
}
