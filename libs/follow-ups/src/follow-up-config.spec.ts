import { followUpConfigFromEnv } from './follow-up-config';

describe('when the follow-up configuration is read', () => {
  it('leaves the queue prefix to the installation unless LEAP_QUEUE_PREFIX sets one', () => {
    expect(followUpConfigFromEnv({}).queuePrefix).toBeNull();
    expect(followUpConfigFromEnv({ LEAP_QUEUE_PREFIX: '' }).queuePrefix).toBeNull();
    expect(followUpConfigFromEnv({ LEAP_QUEUE_PREFIX: 'leap-demo' }).queuePrefix).toBe('leap-demo');
  });

  it('refuses a prefix BullMQ would misread', () => {
    expect(() => followUpConfigFromEnv({ LEAP_QUEUE_PREFIX: 'leap:demo' })).toThrow(/may not contain ':'/);
  });
});
