import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../../config/env';
import { Account } from '../../../db/entities/account.entity';
import { Carrier } from '../../../db/entities/carrier.entity';
import { Merchant } from '../../../db/entities/merchant.entity';
import type { FieldCipher } from '../../../db/field-cipher';
import type { ResolveRecipient } from './mail-activities';

/**
 * Where mail for a recipient reference goes: a consumer's login address (name decrypted
 * only in memory), a merchant's business address, or the platform's staff, ops and finance boxes.
 */
export function createRecipientResolver(deps: {
  orm: MikroORM;
  cipher: FieldCipher;
  config: Pick<Config, 'STAFF_MAIL_TO' | 'OPS_MAIL_TO' | 'FINANCE_MAIL_TO'>;
}): ResolveRecipient {
  return async (ref) => {
    switch (ref.kind) {
      case 'account': {
        const account = await deps.orm.em.fork().findOne(Account, { id: ref.id });
        return account ? { address: account.email, name: account.contact(deps.cipher).name } : null;
      }
      case 'merchant': {
        const merchant = await deps.orm.em.fork().findOne(Merchant, { id: ref.id });
        return merchant ? { address: merchant.contactEmail, name: merchant.name } : null;
      }
      case 'carrier': {
        // Complaints and recovery claims against a carrier go to its business address (§6.1).
        const carrier = await deps.orm.em.fork().findOne(Carrier, { id: ref.id });
        return carrier ? { address: carrier.contactEmail, name: carrier.name } : null;
      }
      case 'staff':
        return { address: deps.config.STAFF_MAIL_TO, name: 'StoreOps staff' };
      case 'ops':
        return { address: deps.config.OPS_MAIL_TO, name: 'StoreOps ops' };
      case 'finance':
        return { address: deps.config.FINANCE_MAIL_TO, name: 'StoreOps finance' };
    }
  };
}
