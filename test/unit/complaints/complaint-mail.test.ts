import { renderMail } from '../../../activities/shared/mail/templates';
import { complaintMailExamples } from './complaint-mail-examples';

describe('complaint and recovery mail (T/QGCML 3125 §4.7, §4.8)', () => {
  it('tells the consumer who answers and by when, in Beijing time', () => {
    const { text } = renderMail('complaint_filed_consumer', complaintMailExamples.complaint_filed_consumer);
    expect(text).toContain('由商家负责答复');
    expect(text).toContain('2026-10-09 13:00 (北京时间 / China Standard Time)');
  });

  it('puts the amount, the reason and the due date in the demand notice to the party', () => {
    const { text } = renderMail('recovery_claim_demand_party', complaintMailExamples.recovery_claim_demand_party);
    expect(text).toContain('¥600.00 (CNY)');
    expect(text).toContain('advance compensation for complaint cmp-1');
    expect(text).toContain('2026-10-23 17:00');
  });

  it('shows a proposed compensation with its amount to the consumer', () => {
    const { text } = renderMail('complaint_response_consumer', complaintMailExamples.complaint_response_consumer);
    expect(text).toContain('They propose compensation of ¥50.00 (CNY)');
  });
});
