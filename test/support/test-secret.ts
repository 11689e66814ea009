/** The HS256 secret of test and benchmark servers (never a deployment's). */
export const TEST_SECRET = 'test-secret-for-end-to-end-suites-only-0123456789';

/** The pseudonym key of test servers on EventStoreDB, where processes must share one (never a deployment's). */
export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-for-end-to-end-suites-only-0123456789';

/** The master key of test servers on EventStoreDB, where it is required (never a deployment's): 32 bytes, base64. */
export const TEST_MASTER_KEY = Buffer.from('e2e-suites-only-test-master-key!').toString('base64');
