import { BaseEntitySchema } from './base.entity';
import { StackProbeSchema } from './stack-probe.entity';

/** Every entity schema, registered once in the ORM config. */
export const entities = [BaseEntitySchema, StackProbeSchema];
