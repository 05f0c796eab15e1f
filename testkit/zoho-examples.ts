// The request and response examples of Zoho's pages, verbatim: seed 000 (In-Person API reference)
// and seed 003 (POS billing integration guide). The simulator's tests hold its answers to them; the
// app's tests start from them.

export const SEED_000 = {
  createRequest: {
    amount: 1,
    currency: 'INR',
    type: 'pos_payment',
    terminal_id: '87971593',
    invoice_number: 'INV-12345',
    description: 'Payment for Order #12345',
    meta_data: [{ key: 'Key1', value: 'Value1' }],
    payment_method_details: { type: 'upi' },
  },
  createResponse: {
    code: 0,
    message: 'success',
    payments_session: {
      payments_session_id: '216000003925007',
      currency: 'INR',
      amount: '1.00',
      session_status: 'in_progress',
      created_time: 1779361483,
      terminal_id: '87971593',
      payments_session_type: 'pos_payment',
      invoice_number: 'INV-12345',
      description: 'Payment for Order #12345',
      meta_data: [{ key: 'Key1', value: 'Value1' }],
    },
  },
  retrieveSucceeded: {
    code: 0,
    message: 'success',
    payments_session: {
      payments_session_id: '216000003925007',
      currency: 'INR',
      amount: '1.00',
      session_status: 'succeeded',
      created_time: 1779361483,
      terminal_id: '87971593',
      payments_session_type: 'pos_payment',
      invoice_number: 'INV-12345',
      description: 'Payment for Order #12345',
      payments: [{ payment_id: '216000003926003', amount: '1.00', status: 'succeeded', payment_method: { type: 'upi' }, date: 1779361502 }],
      meta_data: [{ key: 'Key1', value: 'Value1' }],
    },
  },
} as const;

export const SEED_003 = {
  createRequest: {
    amount: 100.5,
    currency: 'INR',
    type: 'pos_payment',
    terminal_id: '1234r5tr',
    invoice_number: 'INV-12345',
    description: 'Payment for Order #12345',
    meta_data: [{ key: 'Key1', value: 'Value1' }],
    payment_method_details: { type: 'card' },
  },
  createResponse: {
    code: 0,
    message: 'success',
    payments_session: {
      payments_session_id: '2000000012001',
      currency: 'INR',
      amount: '100.50',
      terminal_id: '1234r5tr',
      created_time: 1708950672,
      payment_session_type: 'pos_payment',
      session_status: 'in_progress',
      invoice_number: 'INV-12345',
      description: 'Payment for Order #12345',
      meta_data: [{ key: 'Key1', value: 'Value1' }],
    },
  },
  retrieveInProgress: {
    code: 0,
    message: 'success',
    payments_session: {
      payments_session_id: '2000000012001',
      currency: 'INR',
      amount: '100.50',
      session_status: 'in_progress',
      payment_session_type: 'pos_payment',
      created_time: 1708950672,
      invoice_number: 'INV-12345',
      description: 'Payment for Order #12345',
    },
  },
  retrieveSucceeded: {
    code: 0,
    message: 'success',
    payments_session: {
      payments_session_id: '2000000012001',
      currency: 'INR',
      amount: '100.50',
      session_status: 'succeeded',
      payment_session_type: 'pos_payment',
      created_time: 1708950672,
      invoice_number: 'INV-12345',
      description: 'Payment for Order #12345',
      payments: [
        {
          payment_id: '173000002314886',
          status: 'succeeded',
          date: 1758174448,
          date_formatted: 'Sep 18, 2025, 11:17 am',
          payment_method: { type: 'card', type_formatted: 'Card' },
        },
      ],
    },
  },
  retrieveFailed: {
    code: 0,
    message: 'success',
    payments_session: {
      payments_session_id: '2000000012001',
      currency: 'INR',
      amount: '100.50',
      session_status: 'failed',
      payment_session_type: 'pos_payment',
      created_time: 1708950672,
      invoice_number: 'INV-12345',
      description: 'Payment for Order #12345',
      payments: [
        {
          payment_id: '173000002314886',
          status: 'failed',
          date: 1758174448,
          date_formatted: 'Sep 18, 2025, 11:17 am',
          failure_code: 'insufficient_funds',
          payment_method: { type: 'card', type_formatted: 'Card' },
        },
      ],
    },
  },
} as const;
