/** Jest setup of one end-to-end run: which event store the suites run on (see event-store-under-test.ts). */
process.env.LEAP_TEST_EVENT_STORE = 'sqlite';
