import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config/env';
import { AesGcmPayloadCodec } from './payload-codec';

/** The data converter every client and worker uses: payloads encrypted with the PII key. */
export function dataConverterFor(config: Pick<Config, 'PII_ENCRYPTION_KEY'>): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(config.PII_ENCRYPTION_KEY)] };
}

export async function createTemporalClient(
  config: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'PII_ENCRYPTION_KEY'>,
): Promise<Client> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(config) });
}
