import type { Config } from '../../config/env';
import type { FieldCipher } from '../../db/field-cipher';

/**
 * What buildApp hands every process's route plugin (`api/<process>/index.ts`): the
 * validated configuration and the cipher for personal data at rest, built once per app.
 */
export interface ProcessRouteOptions {
  config: Config;
  cipher: FieldCipher;
}
