import { describe, expect, it } from 'vitest';
import { failureReason, methodLabel, stateLabel } from './labels';

describe('failureReason', () => {
  it('puts known codes in plain words', () => {
    expect(failureReason('insufficient_funds')).toMatch(/not enough money/);
    expect(failureReason('card_declined')).toMatch(/declined/);
    expect(failureReason('expired_card')).toMatch(/expired/);
    expect(failureReason('incorrect_pin')).toMatch(/PIN/);
    expect(failureReason('upi_timeout')).toMatch(/UPI/);
    expect(failureReason('session_expired')).toMatch(/3 minutes/);
  });

  it('shows an unknown code as it is', () => {
    expect(failureReason('weird_new_code')).toContain('weird_new_code');
  });

  it('says when Zoho gave no reason', () => {
    expect(failureReason(null)).toMatch(/no reason/);
  });
});

describe('state and method labels', () => {
  it('names methods, including what Zoho reports', () => {
    expect(methodLabel('card')).toBe('Card');
    expect(methodLabel('UPI')).toBe('UPI');
    expect(methodLabel('Credit Card')).toBe('Credit Card');
    expect(methodLabel(null)).toBe('—');
  });

  it('names every attempt state in the cashier\'s words', () => {
    expect(stateLabel('unknown')).toBe('Check terminal');
    expect(stateLabel('rejected')).toBe('Refused');
  });
});
