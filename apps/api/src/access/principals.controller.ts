// Admins manage who may do what. A token is shown once, when it is made; the ledger keeps
// only its hash.
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';
import { aRole, ENTITY_ID_PATTERN, SCOPE_PARTIES_MAX, SCOPED_ROLES } from '@geldstroom/ledger';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { EntityIdParam } from '../shared/entity-id.param';
import { EntityId, Text } from '@geldstroom/application/commands/validators';
import { Access } from './access.decorators';
import { AccessRegistry } from '@geldstroom/application/access/access-registry';
import type { AuthenticatedRequest } from './auth.guard';
import { ROLES, type Principal, type Role } from '@geldstroom/application/access/principal';

export { SCOPE_PARTIES_MAX };

export class CreatePrincipalDto {
  @EntityId('Client-chosen id of the principal', 'recorder-heerlen')
  principalId!: string;

  @ApiProperty({ enum: ROLES, example: 'recorder' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    description: 'For a recorder: the parties it writes for, or "all"; for a party-reader: the parties whose own views it reads. Ignored for other roles.',
    example: ['gemeente-heerlen'],
    oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string', enum: ['all'] }],
  })
  @IsOptional()
  @ValidateIf((dto: CreatePrincipalDto) => dto.parties !== 'all')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SCOPE_PARTIES_MAX)
  @Matches(ENTITY_ID_PATTERN, { each: true, message: 'each party must be a party id' })
  parties?: string[] | 'all';

  @Text('What the key is for: a function, never a person', 'Financial administration Heerlen')
  label!: string;
}

export class RevokePrincipalDto {
  @Text('Why access ends', 'Left the department')
  reason!: string;
}

class PrincipalView {
  @ApiProperty() principalId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string', enum: ['all'] }] })
  scope!: string[] | 'all';
  @ApiProperty() label!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() revoked!: boolean;
}

class IssuedTokenView extends PrincipalView {
  @ApiProperty({ description: 'The bearer token. Shown this once: the ledger keeps only its hash.' })
  token!: string;
}

@ApiTags('principals')
@ApiBearerAuth()
@Access('admin')
@Controller('v1/principals')
export class PrincipalsController {
  constructor(private readonly registry: AccessRegistry) {}

  @Get()
  @ApiOperation({ summary: 'List principals (never their tokens)' })
  async list(): Promise<PrincipalView[]> {
    return (await this.registry.list()).map(view);
  }

  @Post()
  @ApiOperation({ summary: 'Make a principal and its first token' })
  async create(@Body() dto: CreatePrincipalDto, @Req() request: AuthenticatedRequest): Promise<IssuedTokenView> {
    if (SCOPED_ROLES.includes(dto.role) && dto.parties === undefined) {
      const which = dto.role === 'recorder' ? 'a list of party ids, or "all"' : 'a list of party ids';
      throw new ProblemException('validation', `${aRole(dto.role)} needs parties: ${which}`, { field: 'parties' });
    }
    const scope = SCOPED_ROLES.includes(dto.role) ? (dto.parties ?? []) : 'all';
    const spec = { principalId: dto.principalId, role: dto.role, scope, label: dto.label };
    const { principal, token } = await this.registry.create(spec, actorOf(request));
    return { ...view(principal), token };
  }

  @Post(':id/tokens')
  @ApiOperation({ summary: 'Issue a new token for a principal; its earlier token stops working' })
  async rotate(@EntityIdParam() id: string, @Req() request: AuthenticatedRequest): Promise<IssuedTokenView> {
    try {
      const { principal, token } = await this.registry.rotate(id, actorOf(request));
      return { ...view(principal), token };
    } catch (error) {
      throw notFound(error);
    }
  }

  @Post(':id/revocation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a principal: its tokens stop working at once' })
  async revoke(@EntityIdParam() id: string, @Body() dto: RevokePrincipalDto, @Req() request: AuthenticatedRequest): Promise<PrincipalView> {
    try {
      return view(await this.registry.revoke(id, dto.reason, actorOf(request)));
    } catch (error) {
      throw notFound(error);
    }
  }
}

function view(principal: Principal): PrincipalView {
  return { ...principal, scope: principal.scope === 'all' ? 'all' : [...principal.scope] };
}

/** The principal in the path is the resource: the decider's "no such principal" is a 404 here. */
function notFound(error: unknown): unknown {
  const noSuchPrincipal = error instanceof ProblemException && error.kind === 'unknown-reference' && error.extensions.field === 'principalId';
  return noSuchPrincipal ? new ProblemException('not-found', error.detail) : error;
}

function actorOf(request: AuthenticatedRequest): string {
  if (!request.principal) throw new ProblemException('unauthorized', 'send Authorization: Bearer <token>');
  return request.principal.principalId;
}
