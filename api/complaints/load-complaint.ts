import type { FastifyRequest } from 'fastify';
import { Complaint } from '../../db/entities/complaint.entity';
import { ComplaintMessage } from '../../db/entities/complaint-message.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { mayRead } from '../../domain/complaints';
import { NotFoundError } from '../../domain/errors';
import { principalOf } from '../plugins/auth';

/** The complaint if the caller may read it (its consumer, its party, staff); a 404 otherwise (§8.3.2). */
export async function loadVisibleComplaint(request: FastifyRequest, id: string): Promise<Complaint> {
  const complaint = await request.em.findOne(Complaint, { id });
  if (!complaint || !mayRead(principalOf(request), complaint)) throw new NotFoundError('complaint', id);
  return complaint;
}

export function threadOf(request: FastifyRequest, complaint: Complaint): Promise<ComplaintMessage[]> {
  return request.em.find(ComplaintMessage, { complaintId: complaint.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** The return each complaint's accepted return or exchange made (§4.8, §5.7), by complaint id. */
export async function returnsOfComplaints(
  request: FastifyRequest,
  complaints: Complaint[],
): Promise<Map<string, string>> {
  if (complaints.length === 0) return new Map();
  const returns = await request.em.find(
    ReturnRequest,
    { complaintId: { $in: complaints.map((complaint) => complaint.id) } },
    { fields: ['id', 'complaintId'] },
  );
  return new Map(returns.map((made) => [made.complaintId!, made.id]));
}
