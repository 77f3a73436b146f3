import { EntityRepository } from '@mikro-orm/postgresql';
import { normaliseEmail, type Account } from '../entities/account.entity';

export class AccountRepository extends EntityRepository<Account> {
  /** The account that logs in with this e-mail, compared case-insensitively. */
  findByEmail(email: string): Promise<Account | null> {
    return this.findOne({ email: normaliseEmail(email) });
  }
}
