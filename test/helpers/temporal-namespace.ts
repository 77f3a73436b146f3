import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { allSearchAttributes } from '../../workflows/shared/search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;
let created = 0;

/**
 * A Temporal namespace of one test stack's own on the run's dev server, with the project's
 * search attributes (platform/temporal-dev-server.ts registers them on `default` only).
 *
 * Integration test files share one dev server and the production task queue names. In one
 * namespace, workflows a finished file left running (a timer, an activity retrying) were
 * picked up by the next file's worker, whose database lacks their rows: each retried with
 * "Order not found" for the rest of the run. In a namespace of its own a file's workflows
 * meet only its own workers; left running, they are never polled again.
 */
export async function createTestNamespace(address: string): Promise<string> {
  created += 1;
  const namespace = `test-${process.pid}-${created}-${Date.now().toString(36)}`;
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        allSearchAttributes.map((key) => [key.name, IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`]]),
      ),
    });
  } finally {
    await connection.close();
  }
  return namespace;
}
