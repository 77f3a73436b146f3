import { LockMode } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StaffTask } from '../../db/entities/staff-task.entity';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { principalOf } from '../plugins/auth';
import { flushAudited } from '../shared/audit';
import { problemSchema } from '../shared/problem';
import {
  markDoneBodySchema,
  staffTaskIdParamsSchema,
  staffTaskListQuerySchema,
  staffTaskViewSchema,
  toStaffTaskView,
} from './schemas';

/**
 * Staff's work queue of money the processes could not move (domain/staff-tasks.ts;
 * T/QGCML 3125 §4.6, §6.4, §4.8): what is open, most urgent first, and marking one done.
 */
const staffTaskRoutes: FastifyPluginAsyncZod = async (app) => {
  const access = { roles: ['staff'] } as const;

  app.get(
    '/staff-tasks',
    {
      schema: {
        tags: ['staff tasks'],
        summary: 'Staff tasks (default: open ones), the earliest deadline first',
        querystring: staffTaskListQuerySchema,
        response: { 200: z.object({ items: z.array(staffTaskViewSchema), total: z.number().int() }) },
      },
      config: { access },
    },
    async (request) => {
      const { status, kind, limit, offset } = request.query;
      const [tasks, total] = await request.em.findAndCount(
        StaffTask,
        { status, ...(kind ? { kind } : {}) },
        { orderBy: { dueAt: 'asc', id: 'asc' }, limit, offset },
      );
      return { items: tasks.map((task) => toStaffTaskView(task)), total };
    },
  );

  app.post(
    '/staff-tasks/:id/done',
    {
      schema: {
        tags: ['staff tasks'],
        summary: 'Mark a staff task done, saying what was done',
        params: staffTaskIdParamsSchema,
        body: markDoneBodySchema,
        response: { 200: staffTaskViewSchema, 404: problemSchema, 409: problemSchema },
      },
      config: { access },
    },
    async (request) => {
      const principal = principalOf(request);
      return request.em.fork().transactional(async (em) => {
        const task = await em.findOne(StaffTask, { id: request.params.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!task) throw new NotFoundError('staff task', request.params.id);
        if (task.status === 'done') throw new ConflictError(`staff task ${task.id} is already done`);
        task.markDone(principal.sub, request.body.resolution);
        await flushAudited(request, em, {
          action: 'staff_task.done',
          entity: 'staff_task',
          entityId: task.id,
          details: { kind: task.kind },
        });
        return toStaffTaskView(task);
      });
    },
  );
};

export default staffTaskRoutes;
