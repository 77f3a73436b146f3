import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Complaint } from '../../db/entities/complaint.entity';
import { ComplaintMessage } from '../../db/entities/complaint-message.entity';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import { Order } from '../../db/entities/order.entity';
import { ServiceCommitmentVersion } from '../../db/entities/service-commitment-version.entity';
import { Carrier } from '../../db/entities/carrier.entity';
import { earliestCarrierDeadline } from '../../domain/complaint-deadlines';
import { partyResponseTerm, responsiblePartyFor } from '../../domain/complaints';
import { InvalidInputError, NotFoundError, UnavailableError } from '../../domain/errors';
import type { Principal } from '../../domain/principal';
import { serviceDeadlines } from '../../domain/service-deadlines';
import { persistAudited } from '../shared/audit';
import { createOnce, type IdempotencyFingerprint, type MadeOnce } from '../shared/idempotency-key';
import type { fileComplaintBodySchema } from './schemas';

type FileComplaintBody = z.infer<typeof fileComplaintBodySchema>;

/**
 * Files a consumer's complaint about their own order (T/QGCML 3125 §4.7, §4.8): the
 * responsible party by category, both deadlines from the commitments in force now, the
 * complaint, the first message of its thread and the `complaint.file` audit event in one
 * transaction (§8.3.5: no complaint without its event, even if the API dies after the commit).
 * With an Idempotency-Key, once: a retry answers with the complaint the first call filed
 * and writes nothing (api/shared/idempotency-key.ts).
 */
export async function fileComplaint(
  request: FastifyRequest,
  principal: Principal,
  body: FileComplaintBody,
  idempotencyKey: string | undefined,
): Promise<MadeOnce<Complaint>> {
  return createOnce({
    what: 'complaint',
    key: idempotencyKey,
    request: body,
    find: (key) => request.em.fork().findOne(Complaint, { consumerId: principal.sub, idempotencyKey: key }),
    create: (fingerprint) => writeComplaint(request, principal, body, fingerprint),
  });
}

function writeComplaint(
  request: FastifyRequest,
  principal: Principal,
  body: FileComplaintBody,
  fingerprint: IdempotencyFingerprint | null,
): Promise<Complaint> {
  return request.em.transactional(async (tx) => {
    // Someone else's order is a 404, exactly like one that does not exist.
    const order = await tx.findOne(Order, { id: body.orderId, consumerId: principal.sub });
    if (!order) throw new NotFoundError('order', body.orderId);
    const slip = await tx.findOne(HandoverSlip, { orderId: order.id, returnId: null });
    const party = responsiblePartyFor(body.category);
    if (party === 'carrier' && !slip)
      throw new InvalidInputError('category', 'a delivery complaint needs an order handed to a carrier');

    const filedAt = new Date();
    const version = await tx.getRepository(ServiceCommitmentVersion).inForceAt(filedAt);
    if (!version) throw new UnavailableError('no service commitments are in force');
    const partyTerm = partyResponseTerm(party);
    const holidays = await tx.getRepository(HolidayYearVersion).calendarInForceAt(filedAt);
    const resolved = serviceDeadlines(
      { version: version.version, terms: version.parsedCommitments() },
      filedAt,
      ['complaintFirstResponse', ...(partyTerm ? [partyTerm] : [])],
      holidays,
    );
    let partyRespondBy = partyTerm ? new Date(resolved.deadlines[partyTerm] as string) : null;
    if (party === 'carrier' && partyRespondBy && slip) {
      const carrier = await tx.findOne(Carrier, { id: slip.carrierId });
      partyRespondBy = earliestCarrierDeadline(partyRespondBy, filedAt, carrier?.contractTerms ?? null, holidays);
    }
    const complaint = new Complaint({
      orderId: order.id,
      consumerId: principal.sub,
      merchantId: order.merchantId,
      carrierId: slip?.carrierId ?? null,
      category: body.category,
      description: body.description,
      desiredRemedy: body.desiredRemedy ?? null,
      party,
      commitmentVersion: resolved.version,
      partyRespondBy,
      firstResponseBy: new Date(resolved.deadlines.complaintFirstResponse),
      currency: order.currency,
    });
    complaint.createdAt = filedAt;
    complaint.idempotencyKey = fingerprint?.idempotencyKey ?? null;
    complaint.requestHash = fingerprint?.requestHash ?? null;
    // The consumer's description opens the thread; it is written with the complaint.
    tx.persist(
      new ComplaintMessage({
        complaintId: complaint.id,
        kind: 'message',
        authorRole: 'consumer',
        authorId: principal.sub,
        body: body.description,
      }),
    );
    return persistAudited(request, tx, complaint, {
      action: 'complaint.file',
      entity: 'complaint',
      entityId: complaint.id,
      details: { orderId: complaint.orderId, category: complaint.category, party: complaint.party },
    });
  });
}
