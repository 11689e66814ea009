/** The HS256 secret of test and benchmark servers (never a deployment's). */
export const TEST_SECRET = 'test-secret-for-end-to-end-suites-only-0123456789';
