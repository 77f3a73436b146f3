/**
 * Creates a console account for staff, ops or an auditor (T/QGCML 3125 §8.3.1):
 *   npm run user:create -- --role staff --email s@example.com --password '<at least 12 chars>'
 * The password is stored only as an argon2id hash; the creation is audited.
 */
import { parseArgs } from 'node:util';
import { createStaffUser, staffUserInputSchema } from '../api/console/staff-accounts';
import { loadConfig } from '../config/env';
import { createOrm } from '../db/orm';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
    strict: true,
  });
  const parsed = staffUserInputSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`);
    throw new Error(
      `usage: npm run user:create -- --role <staff|ops|auditor> --email <e-mail> --password <password>\n${problems.join('\n')}`,
    );
  }
  const orm = await createOrm(loadConfig().DATABASE_URL);
  try {
    const user = await createStaffUser(orm.em.fork(), parsed.data, 'cli:user:create');
    console.log(`created ${user.role} account ${user.email} (${user.id}); sign in at /console/login`);
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
