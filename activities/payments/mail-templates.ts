import { z } from 'zod';
import { defineTemplate } from '../shared/mail/template';

// Mail of the daily payment reconciliation (T/QGCML 3125 §4.6 a named person reconciles with
// the payment provider, §7.1 timely reconciliation). Dates and counts only.

const count = z.number().int().min(0);

export const paymentReconciliationDiscrepanciesStaff = defineTemplate({
  data: z.strictObject({
    settlementDate: z.iso.date(),
    platformRecords: count,
    providerRecords: count,
    discrepancies: count,
  }),
  compose: ({ settlementDate, platformRecords, providerRecords, discrepancies }) => ({
    subject: {
      zh: `支付对账差异：${settlementDate}，${discrepancies} 条`,
      en: `Payment reconciliation ${settlementDate}: ${discrepancies} discrepancies`,
    },
    zh: [
      `结算日（北京时间）${settlementDate} 的支付对账发现 ${discrepancies} 条差异。`,
      `平台记录 ${platformRecords} 条，支付服务商记录 ${providerRecords} 条。`,
      `明细：GET /reports/payment-reconciliation?date=${settlementDate}`,
    ],
    en: [
      `The payment reconciliation of settlement day ${settlementDate} (Asia/Shanghai) found ${discrepancies} discrepancies.`,
      `Platform records: ${platformRecords}; provider records: ${providerRecords}.`,
      `Details: GET /reports/payment-reconciliation?date=${settlementDate}`,
    ],
  }),
});
