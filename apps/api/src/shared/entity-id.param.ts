// The `:id` of a resource path, checked against the id pattern before anything is loaded.
import { Param, type PipeTransform } from '@nestjs/common';
import { ENTITY_ID_PATTERN } from '@geldstroom/ledger';
import { ProblemException } from '@geldstroom/application/problem/problem';

class EntityIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !ENTITY_ID_PATTERN.test(value)) {
      throw new ProblemException('validation', `the id in the path must match ${ENTITY_ID_PATTERN.source}`);
    }
    return value;
  }
}

export const EntityIdParam = (): ParameterDecorator => Param('id', new EntityIdPipe());
